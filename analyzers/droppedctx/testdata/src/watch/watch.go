// Package watch checks goroutines that use the request context only to
// stop: they end with the request on purpose.
package watch

import (
	"context"
	"database/sql"
	"net/http"
	"time"
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
