package a

import (
	"flag"
	"net"
	"net/http"
)

var statusArgs struct {
	listen string
	public string
}

var debugAddr = flag.String("debug-addr", "localhost:6060", "debug server address")

var metricsAddr = flag.String("metrics-addr", ":9090", "metrics server address")

func init() {
	fs := flag.NewFlagSet("status", flag.ExitOnError)
	fs.StringVar(&statusArgs.listen, "listen", "127.0.0.1:8384", "listen address for web mode")
	fs.StringVar(&statusArgs.public, "public", "0.0.0.0:8385", "listen address for the public page")
}

// A status page on a flag whose default is loopback: listening elsewhere is
// the operator's explicit choice.
func serveStatus(h http.Handler) error {
	ln, err := net.Listen("tcp", statusArgs.listen)
	if err != nil {
		return err
	}
	return http.Serve(ln, h) // ok: loopback by default
}

func serveDebug() error {
	return http.ListenAndServe(*debugAddr, nil) // ok: loopback by default
}

// Near misses: the same flags with a default on every interface.
func servePublic(h http.Handler) error {
	ln, err := net.Listen("tcp", statusArgs.public)
	if err != nil {
		return err
	}
	return http.Serve(ln, h) // want `http.Serve cannot set timeouts`
}

func serveMetrics() error {
	return http.ListenAndServe(*metricsAddr, nil) // want `http.ListenAndServe cannot set timeouts`
}
