// Package svc stands for a client of a remote service: its calls do
// network I/O, which the blocking facts carry to the goroutines that make them.
package svc

import "net/http"

// Call sends one request for id.
func Call(id string) error {
	resp, err := http.Get("http://svc.example/" + id)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
