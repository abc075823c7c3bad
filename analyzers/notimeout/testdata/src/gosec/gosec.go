// Package gosec holds servers whose slowloris finding gosec reports too
// (G112, G114), with and without that check's suppression on the line.
package gosec

import "net/http"

func Serve() error {
	return http.ListenAndServe(":8080", nil) // want `http.ListenAndServe cannot set timeouts`
}

// A maintainer already decided about this server, for gosec's G114.
func DevDocs() error {
	return http.ListenAndServe(":8081", nil) //nolint:gosec // Only for development use.
}

func DevNosec() error {
	return http.ListenAndServe(":8082", nil) // #nosec G114 -- local tooling
}

// A #nosec for another gosec check says nothing about timeouts.
func OtherCheck() error {
	return http.ListenAndServe(":8083", nil) // #nosec G104 // want `http.ListenAndServe cannot set timeouts`
}
