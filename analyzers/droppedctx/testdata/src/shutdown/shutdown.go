// Package shutdown checks root contexts started on purpose: after a loop
// that the caller's context ends (a final flush needs a fresh deadline),
// and where a comment says the detachment is meant.
package shutdown

import (
	"context"
	"net/http"
	"time"
)

type store struct{ flushes chan struct{} }

func (s *store) write(ctx context.Context) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPut, "http://db/flush", nil)
	_, err := http.DefaultClient.Do(req)
	return err
}

func (s *store) Serve(ctx context.Context) error {
loop:
	for {
		select {
		case <-s.flushes:
			flush, cancel := context.WithTimeout(context.Background(), time.Minute) // want `context.Background discards the context in scope \(ctx\)`
			_ = s.write(flush)
			cancel()
		case <-ctx.Done():
			break loop
		}
	}
	final, cancel := context.WithTimeout(context.Background(), 10*time.Second) // ok: ctx is done, the final flush needs its own deadline
	defer cancel()
	return s.write(final)
}

func (s *store) Drain(ctx context.Context) error {
	for {
		select {
		case <-s.flushes:
		case <-ctx.Done():
			break // ends the select, not the loop
		}
		if len(s.flushes) == 0 {
			break
		}
	}
	next, cancel := context.WithTimeout(context.Background(), 10*time.Second) // want `context.Background discards the context in scope \(ctx\)`
	defer cancel()
	return s.write(next)
}

type cache struct{}

func (c *cache) fill(ctx context.Context) error { return (&store{}).write(ctx) }

func (c *cache) Lookup(ctx context.Context) error {
	// The cache is shared: use a separate context that won't be canceled
	// when one caller goes away, so the fill finishes for the others.
	fillCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second) // ok: the comment says it is meant
	defer cancel()
	if err := c.fill(fillCtx); err != nil {
		return err
	}

	// Bound the fill to five seconds.
	again, cancel2 := context.WithTimeout(context.Background(), 5*time.Second) // want `context.Background discards the context in scope \(ctx\)`
	defer cancel2()
	return c.fill(again)
}

// sharedCache fills one response that every later request shares.
type sharedCache struct {
	next http.Handler
	resp *http.Request
}

// Near miss: the shared fill runs on a clone with a context of its own, so
// the first requester's leaving does not fail it for everyone.
func (c *sharedCache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fill := r.Clone(context.Background())
	c.next.ServeHTTP(w, fill)
}

// The same handler giving a query a root context.
func (c *sharedCache) ServeQuery(w http.ResponseWriter, r *http.Request) {
	_ = c.fetch(context.Background()) // want `context.Background discards the context in scope \(r.Context\(\)\)`
}

func (c *sharedCache) fetch(ctx context.Context) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://origin/", nil)
	_, err := http.DefaultClient.Do(req)
	return err
}
