// Package b checks that the fix imports "time" when the file lacks it.
package b

import "net/http"

func serve(h http.Handler) error {
	srv := &http.Server{} // want `http.Server serving at b.go:9 has no ReadHeaderTimeout or ReadTimeout`
	srv.Handler = h
	return srv.ListenAndServe()
}
