// Package api wraps another package's maker: its calls build pools too.
package api

import (
	"net/http"

	"example.com/httpx"
)

// Client is an API client over its own HTTP client.
type Client struct{ hc *http.Client }

func New() *Client { return &Client{hc: httpx.NewClient()} } // want New:"makes http.Transport"

// Near miss: a wrapper of the shared client.
func Default() *Client { return &Client{hc: httpx.Shared()} }
