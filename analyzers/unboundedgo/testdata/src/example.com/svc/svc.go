// Package svc stands for a client of a remote service: its calls do
// network I/O, which the blocking facts carry to the goroutines that make them.
package svc

import (
	"context"
	"net/http"
	"strings"
)

// Call sends one request for id.
func Call(id string) error {
	resp, err := http.Get("http://svc.example/" + id)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// List fetches the ids the service holds.
func List(ctx context.Context) ([]string, error) {
	resp, err := http.Get("http://svc.example/")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return strings.Fields(resp.Status), nil
}

// IDs fetches the ids the service holds, without a context.
func IDs() []string {
	ids, _ := List(context.Background())
	return ids
}
