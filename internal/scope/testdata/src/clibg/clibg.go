// Package clibg defines CLI commands that nothing here cancels: the
// frameworks hand their callbacks the context Run was given.
package clibg

import (
	"context"
	"os"
	"os/signal"
	"time"

	"github.com/peterbourgon/ff/v3/ffcli"
	"github.com/urfave/cli/v3"
)

func probe() {}

var status = &cli.Command{
	Name: "status",
	Action: func(ctx context.Context, cmd *cli.Command) error {
		probe() // want "ctx not cancellable"
		tctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		probe() // want "tctx cancellable"
		_ = tctx
		return nil
	},
}

var netcheck = &ffcli.Command{Name: "netcheck", Exec: runNetcheck}

func runNetcheck(ctx context.Context, args []string) error {
	probe() // want "ctx not cancellable"
	return nil
}

// An exported entry point's context is its caller's: no evidence here.
func RunWithContext(ctx context.Context, args []string) error {
	probe() // want "ctx cancellable"
	root := &ffcli.Command{Subcommands: []*ffcli.Command{netcheck}}
	return root.ParseAndRun(ctx, args)
}

func Run(args []string) error { return RunWithContext(context.Background(), args) }

// Near miss: an ordinary function that takes a context stays cancellable.
func Fetch(ctx context.Context) {
	probe() // want "ctx cancellable"
}

// A signal handler one command sets up for its own work says nothing of
// the context the others get.
func watch(ctx context.Context) {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	probe() // want "ctx cancellable"
}
