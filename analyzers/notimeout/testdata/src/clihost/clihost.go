// Package clihost checks servers bound to a host flag of urfave/cli.
package clihost

import (
	"net/http"

	"github.com/urfave/cli/v2"
)

// A command whose server binds to a host flag that defaults to localhost:
// exposing it is the operator's choice.
var editorCmd = &cli.Command{
	Name: "editor",
	Flags: []cli.Flag{
		&cli.StringFlag{Name: "host", Value: "localhost", Usage: "the host to bind to"},
		&cli.StringFlag{Name: "port", Value: "4195"},
	},
	Action: runEditor,
}

func runEditor(c *cli.Context) error {
	host, port := c.String("host"), c.String("port")
	server := http.Server{Addr: host + ":" + port}
	return server.ListenAndServe()
}

// Near miss: the same with a flag that listens everywhere by default.
var apiCmd = &cli.Command{
	Name:   "api",
	Flags:  []cli.Flag{&cli.StringFlag{Name: "api-host", Value: "0.0.0.0"}},
	Action: runAPI,
}

func runAPI(c *cli.Context) error {
	host := c.String("api-host")
	server := http.Server{Addr: host + ":4196"} // want `http.Server serving at clihost.go:\d+ has no ReadHeaderTimeout or ReadTimeout`
	return server.ListenAndServe()
}
