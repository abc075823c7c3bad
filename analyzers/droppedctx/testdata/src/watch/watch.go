// Package watch checks goroutines that use the request context only to
// stop: they end with the request on purpose.
package watch

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

type server struct {
	db   *sql.DB
	jobs chan int
}

// watch stops when ctx is done: that is all it uses it for.
func (s *server) watch(ctx context.Context, tick time.Duration) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(tick):
		}
	}
}

// record writes with ctx, which the handler's return cancels.
func (s *server) record(ctx context.Context) {
	_, _ = s.db.ExecContext(ctx, "INSERT INTO audit VALUES (1)")
}

func (s *server) Stream(w http.ResponseWriter, r *http.Request) {
	go s.watch(r.Context(), time.Second) // ok: stops with the request
	go func(ctx context.Context) {       // ok: only watches ctx
		<-ctx.Done()
		close(s.jobs)
	}(r.Context())
	go s.record(r.Context()) // want `goroutine uses the request context r.Context\(\)`
}

// Upload relays why the request was canceled to the body it reads:
// context.Cause watches ctx as ctx.Err() does.
func (s *server) Upload(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancelCause(r.Context())
	defer cancel(nil)
	go func() { // ok: waits for the end, then reads why
		<-ctx.Done()
		if context.Cause(ctx) != nil {
			close(s.jobs)
		}
	}()
	go func() { // want `goroutine uses the request context ctx`
		<-ctx.Done()
		s.record(ctx)
	}()
}

// Watch polls until the stream ends: the request's context is the loop's
// stop signal, and each pass's work ends with it on purpose.
func (s *server) Watch(w http.ResponseWriter, r *http.Request) {
	go wait.PollUntilContextCancel(r.Context(), time.Second, false, func(ctx context.Context) (bool, error) { // ok: runs until the request ends
		s.record(ctx)
		return false, nil
	})
	go wait.PollUntilContextTimeout(r.Context(), time.Second, time.Minute, false, func(ctx context.Context) (bool, error) { // want `goroutine uses the request context r.Context\(\)`
		s.record(ctx)
		return false, nil
	})
}
