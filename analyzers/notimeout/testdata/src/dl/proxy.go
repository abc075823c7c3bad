package dl

import (
	"context"
	"net/http"
	"time"
)

// A proxy that sends the served request on with a deadline attached by
// r.WithContext: every send through forward is bounded.
var origin = &http.Client{}

type proxy struct{}

func (p proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	p.forward(w, r.WithContext(ctx))
}

func (p proxy) forward(w http.ResponseWriter, r *http.Request) {
	out, err := http.NewRequestWithContext(r.Context(), r.Method, "https://origin.example"+r.URL.Path, nil)
	if err != nil {
		return
	}
	resp, err := origin.Do(out)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Near miss: the same shape, with the served request's context and a
// value added: no deadline but the request's own.
var upstream = &http.Client{} // want `http.Client in upstream has no Timeout and Do at proxy.go:\d+ sends with only the served request's context`

type traceKey struct{}

type relay struct{}

func (p relay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := context.WithValue(r.Context(), traceKey{}, "relay")
	p.forward(w, r.WithContext(ctx))
}

func (p relay) forward(w http.ResponseWriter, r *http.Request) {
	out, err := http.NewRequestWithContext(r.Context(), r.Method, "https://upstream.example"+r.URL.Path, nil)
	if err != nil {
		return
	}
	resp, err := upstream.Do(out)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// A request re-wrapped in its own context has no deadline (and following
// it must end).
var again = &http.Client{} // want `http.Client in again has no Timeout and Do at proxy.go:\d+ sends without a deadline`

func resend(req *http.Request) error {
	req = req.WithContext(req.Context())
	resp, err := again.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
