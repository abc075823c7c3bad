// Package rboff is rb with -notimeout.requestbound=false: sends bounded by a served request are not reported.
package rboff

import (
	"context"
	"net/http"
)

var captcha = &http.Client{} // ok: every send runs under the context of a served request

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

var mirror = &http.Client{} // want `http.Client in mirror has no Timeout and Do at rboff.go:\d+ sends without a deadline`

// syncMirror runs from a background worker: no request bounds it.
func syncMirror(ctx context.Context, url string) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	_, _ = mirror.Do(req)
}

var archive = &http.Client{} // ok: built on the served request's context through a must-style helper

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
