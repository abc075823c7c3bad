// Package cancelctx hands a request's context to a goroutine wrapped in a
// context type of its own, whose Done is the connection's channel.
package cancelctx

import (
	"context"
	"database/sql"
	"net/http"
)

type cancelContext struct {
	context.Context
	ch <-chan struct{}
}

func (c cancelContext) Done() <-chan struct{} { return c.ch }

func (c cancelContext) Err() error {
	select {
	case <-c.ch:
		return context.Canceled
	default:
		return nil
	}
}

func newCancelContext(ctx context.Context, ch <-chan struct{}) context.Context {
	return cancelContext{Context: ctx, ch: ch}
}

// valueContext keeps the request's Done: no detachment.
type valueContext struct{ context.Context }

func newValueContext(ctx context.Context) context.Context { return valueContext{ctx} }

func serve(ctx context.Context, db *sql.DB) { _, _ = db.ExecContext(ctx, "SELECT 1") }

// The goroutine's context ends with the connection, not the request.
func Socket(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		go func() {
			ch := make(chan struct{})
			defer close(ch)
			serve(newCancelContext(r.Context(), ch), db)
		}()
	}
}

// A wrapper that keeps the request's Done still ends with the request.
func Values(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		go func() { // want `goroutine uses the request context r.Context\(\)`
			serve(newValueContext(r.Context()), db)
		}()
	}
}
