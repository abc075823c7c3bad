// Package rb has sends bounded only by a served request's context.
package rb

import (
	"context"
	"net/http"
	"time"
)

var captcha = &http.Client{} // want `http.Client in captcha has no Timeout and Do at rb.go:\d+ sends with only the served request's context, so the request hangs as long as the peer does, unless its client gives up; set Timeout, or send with a context from context.WithTimeout`

func login(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodPost, "https://captcha.example/verify", nil)
	_, _ = captcha.Do(req)
	_ = verifyToken(r.Context(), "t")
}

func verifyToken(ctx context.Context, token string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://captcha.example/token/"+token, nil)
	if err != nil {
		return err
	}
	_, err = captcha.Do(req)
	return err
}

var mirror = &http.Client{} // want `http.Client in mirror has no Timeout and Do at rb.go:\d+ sends without a deadline`

// syncMirror runs from a background worker: no request bounds it.
func syncMirror(ctx context.Context, url string) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	_, _ = mirror.Do(req)
}

var verifier = &http.Client{} // ok: its only send uses the context its callers give Verify

// Verify is called by handlers in other packages with their request's
// context: the callers choose the deadline, none is missing here.
func Verify(ctx context.Context, token string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://captcha.example/siteverify", nil)
	if err != nil {
		return err
	}
	_, err = verifier.Do(req)
	return err
}

var refresher = &http.Client{} // want `http.Client in refresher has no Timeout and Do at rb.go:\d+ sends without a deadline`

// Refresh is exported too, but this package calls it with a context
// nobody bounds.
func Refresh(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://captcha.example/keys", nil)
	if err != nil {
		return err
	}
	_, err = refresher.Do(req)
	return err
}

func refreshLoop() { _ = Refresh(context.Background()) }

const defaultTimeout = 80 * time.Second

func withDefaultTimeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), defaultTimeout)
}

var api = &http.Client{} // ok: its callers' contexts, or the package's default timeout

// Me sends with the package's default timeout; MeContext with the
// caller's context, and its deadline.
func Me() error {
	ctx, cancel := withDefaultTimeout()
	defer cancel()
	return MeContext(ctx)
}

func MeContext(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example/me", nil)
	if err != nil {
		return err
	}
	_, err = api.Do(req)
	return err
}

var feeds = &http.Client{} // want `http.Client in feeds has no Timeout and Do at rb.go:\d+ sends without a deadline`

// Feeds gives FeedsContext a context nobody bounds.
func Feeds() error { return FeedsContext(context.Background()) }

func FeedsContext(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example/feeds", nil)
	if err != nil {
		return err
	}
	_, err = feeds.Do(req)
	return err
}

var archive = &http.Client{} // want `http.Client in archive has no Timeout and Do at rb.go:\d+ sends with only the served request's context`

// The request is built on the served request's context through a
// must-style helper, which passes it through.
func archiveVars(w http.ResponseWriter, r *http.Request) {
	req := must(http.NewRequestWithContext(r.Context(), http.MethodGet, "https://stats.example/vars", nil))
	_, _ = archive.Do(req)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
