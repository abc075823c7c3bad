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
