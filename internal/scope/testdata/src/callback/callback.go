// Package callback holds functions handed over as values, beside the
// same shapes called by the package itself.
package callback

import (
	"context"
	"net/http"
)

type Options struct {
	Refresh func(context.Context) error
	Every   func(context.Context) error
}

type refresher interface {
	refresh(ctx context.Context) error
}

type source struct{}

func (s *source) refresh(ctx context.Context) error { return nil } // want "callback"

func (s *source) poll(ctx context.Context) error { return nil } // want "callback"

func (s *source) sync(ctx context.Context) error { return nil }

func tick(ctx context.Context) error { return nil } // want "callback"

func once(ctx context.Context) error { return nil }

func list[T any](ctx context.Context) ([]T, error) { return nil, nil }

// A handler handed to a router is a request handler, not a callback.
func serve(w http.ResponseWriter, r *http.Request) {}

func New(ctx context.Context, mux *http.ServeMux) Options {
	var r refresher = &source{}
	s := &source{}
	mux.HandleFunc("/", serve)
	_ = once(ctx)
	_ = s.sync(ctx)
	_, _ = list[int](ctx)
	return Options{Refresh: r.refresh, Every: tick}
}

// Handed over from a method value of a concrete type.
func Later(s *source) func(context.Context) error { return s.poll }
