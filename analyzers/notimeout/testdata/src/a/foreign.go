package a

import (
	"crypto/tls"
	"net"
	"net/http"

	"example.com/memnet"
)

// Servers on listeners another package made: its transport (an in-memory
// pipe here) decides who can connect.
func serveInMemory(h http.Handler) error {
	ln := memnet.Listen("local:80")
	return http.Serve(ln, h) // ok: another package's listener
}

func serveInMemoryTLS(h http.Handler, cfg *tls.Config) error {
	srv := &http.Server{Handler: h} // ok: another package's listener, behind TLS
	return srv.Serve(tls.NewListener(memnet.Listen("local:443"), cfg))
}

func serveInMemoryAsync(h http.Handler) {
	lal := memnet.Listen("local:80")
	srv := &http.Server{Handler: h} // ok: another package's listener, served by a goroutine
	go func() { _ = srv.Serve(lal) }()
}

// Near misses: a TCP listener behind TLS, and one from this package.
func serveTCPTLS(h http.Handler, cfg *tls.Config) error {
	ln, err := net.Listen("tcp", ":8443")
	if err != nil {
		return err
	}
	return http.Serve(tls.NewListener(ln, cfg), h) // want `http.Serve cannot set timeouts`
}

func listenHere() net.Listener {
	ln, _ := net.Listen("tcp", ":8081")
	return ln
}

func serveLocalHelper(h http.Handler) error {
	return http.Serve(listenHere(), h) // want `http.Serve cannot set timeouts`
}
