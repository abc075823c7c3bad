// Package reqctx checks requests built without a context that get one
// later, or only seem to.
package reqctx

import (
	"context"
	"net/http"
)

type key struct{}

func tagged(ctx context.Context, url string) error {
	req, err := http.NewRequest("GET", url, nil) // want `http.NewRequest ignores the context in scope`
	if err != nil {
		return err
	}
	req = req.WithContext(context.WithValue(req.Context(), key{}, "tag")) // attaches no real context
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Near miss: the value goes on top of the caller's context.

func taggedWithCaller(ctx context.Context, url string) error {
	req, err := http.NewRequest("GET", url, nil) // ok: ctx attached below
	if err != nil {
		return err
	}
	req = req.WithContext(context.WithValue(ctx, key{}, "tag"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Creator builds requests that its callers send with their own context.
type Creator struct {
	url  string
	sign func(*http.Request) error
}

// Create returns the request through a named result and a bare return:
// the caller attaches the context.
func (c *Creator) Create() (req *http.Request, err error) {
	if req, err = http.NewRequest("GET", c.url, nil); err != nil {
		return
	}
	req.Header.Set("Accept", "application/json")
	err = c.sign(req)
	return
}

func send(ctx context.Context, c *Creator) error {
	req, err := c.Create() // ok: the request is returned, not sent
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Near miss: the named result is sent inside and a fresh one returned.
func (c *Creator) Fetch() (req *http.Request, err error) { // want Fetch:`drops context: calls http.NewRequest`
	if req, err = http.NewRequest("GET", c.url, nil); err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	return nil, resp.Body.Close()
}

func fetch(ctx context.Context, c *Creator) {
	_, _ = c.Fetch() // want `Creator.Fetch drops the caller's context`
}
