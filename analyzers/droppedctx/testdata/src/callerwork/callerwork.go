// Package callerwork has connection helpers that run a callback: the
// context they are given bounds getting the connection, and the callback
// does the work with a context of its own.
package callerwork

import (
	"context"
	"net"
	"net/http"
)

type Client struct{ conn net.Conn }

func (c *Client) Lookup(ctx context.Context, name string) (string, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", name)
	if err != nil {
		return "", err
	}
	return conn.RemoteAddr().String(), conn.Close()
}

func (c *Client) Close() error { return c.conn.Close() }

// WithClient runs fn with a connection; ctx bounds only the dial.
func WithClient(ctx context.Context, fn func(c *Client) error) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", "pool:1")
	if err != nil {
		return err
	}
	defer conn.Close()
	return fn(&Client{conn: conn})
}

// WithDefaultClient takes no context: its callers' callbacks bring theirs.
func WithDefaultClient(fn func(c *Client) error) error { // want WithDefaultClient:"drops context: calls context.Background"
	return WithClient(context.Background(), func(c *Client) error { return fn(c) })
}

// withBudget hands a root context to the helper beside a callback that
// calls the one it was given: the work is its caller's, with its context.
func withBudget(ctx context.Context, fn func(c *Client) error) error {
	return WithClient(context.Background(), func(c *Client) error { return fn(c) }) // ok: fn does the work
}

func lookup(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_ = WithClient(context.Background(), func(c *Client) error { // ok: the lookup inside uses ctx
		_, err := c.Lookup(ctx, "name")
		return err
	})
	_ = WithDefaultClient(func(c *Client) error { // ok: the same, through the helper
		_, err := c.Lookup(ctx, "name")
		return err
	})
}

func closeAll(w http.ResponseWriter, r *http.Request) {
	_ = WithClient(context.Background(), func(c *Client) error { // want `context.Background discards the context in scope \(r.Context\(\)\)`
		return c.Close()
	})
	_ = WithDefaultClient(func(c *Client) error { // want `callerwork.WithDefaultClient drops the caller's context: it calls context.Background`
		return c.Close()
	})
}
