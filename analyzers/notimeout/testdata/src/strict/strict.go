package strict

import (
	"net/http"
	"time"
)

func headersOnly(h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: time.Second} // want `http.Server serving at strict.go:10 has no WriteTimeout and IdleTimeout, so a client that reads slowly holds its connection and handler forever and idle keep-alive connections stay open forever; set WriteTimeout and IdleTimeout`
	return srv.ListenAndServe()
}

func readTimeout(h http.Handler) error {
	srv := &http.Server{Handler: h, ReadTimeout: time.Second} // want `http.Server serving at strict.go:15 has no WriteTimeout, so a client that reads slowly holds its connection and handler forever; set WriteTimeout`
	return srv.ListenAndServe()
}

func nothing(h http.Handler) error {
	srv := &http.Server{Handler: h} // want `has no ReadHeaderTimeout or ReadTimeout, WriteTimeout and IdleTimeout, so a client that sends its headers slowly holds its connection forever \(slowloris\), a client that reads slowly holds its connection and handler forever and idle keep-alive connections stay open forever; set ReadHeaderTimeout, WriteTimeout and IdleTimeout`
	return srv.ListenAndServe()
}

func complete(h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: time.Second, WriteTimeout: time.Minute} // ok: all set
	srv.IdleTimeout = time.Minute
	return srv.ListenAndServe()
}
