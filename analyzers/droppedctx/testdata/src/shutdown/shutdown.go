// Package shutdown checks root contexts started on purpose: after a loop
// that the caller's context ends (a final flush needs a fresh deadline),
// and where a comment says the detachment is meant.
package shutdown

import (
	"context"
	"net/http"
	"time"

	"example.com/span"
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

// Mark says why each root context is its own, in other words.
func (c *cache) Mark(ctx context.Context) error {
	// Spawn a new context so that a block is always marked in full on shutdown.
	markCtx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // ok: the comment says it is meant
	defer cancel()
	if err := c.fill(markCtx); err != nil {
		return err
	}

	// When the context is canceled, the teardown should still wait for the
	// others. Therefore, we use [context.Background] here.
	if err := c.fill(context.Background()); err != nil { // ok: the comment says it is meant
		return err
	}

	// Mark the block.
	return c.fill(context.TODO()) // want `context.TODO discards the context in scope \(ctx\)`
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

// archive flushes on a timer and once more after the serve loop, when its
// context is done: flush must work without the caller's context, so its
// root context is its design.
type archive struct{ tick chan struct{} }

func (a *archive) flush() error {
	return (&store{}).write(context.Background()) // ok: flush also runs after ctx is done
}

func (a *archive) Serve(ctx context.Context) error {
loop:
	for {
		select {
		case <-a.tick:
			_ = a.flush() // ok: the same flush the shutdown path needs
		case <-ctx.Done():
			break loop
		}
	}
	return a.flush()
}

// Near miss: the same flush, never called once the context is done.
type journal struct{ tick chan struct{} }

func (j *journal) flush() error {
	return (&store{}).write(context.Background())
}

func (j *journal) Serve(ctx context.Context) error {
	for {
		select {
		case <-j.tick:
			_ = j.flush() // want `journal.flush drops the caller's context: it calls context.Background`
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// marker marks in a timer callback too, where the caller's context no
// longer applies; its own root context is meant.
type marker struct{}

func (m *marker) mark() error { return (&store{}).write(context.Background()) }

func (m *marker) Handle(ctx context.Context, later bool) error {
	if later {
		time.AfterFunc(time.Second, func() { _ = m.mark() })
		return nil
	}
	return m.mark() // ok: mark also runs detached, from the AfterFunc callback
}

// Near miss: a helper that ignores a context by calling http.Get stays a
// drop even when it also runs detached.
type poller struct{}

func (p *poller) poll() { _, _ = http.Get("http://origin/poll") }

func (p *poller) Handle(ctx context.Context, later bool) {
	if later {
		time.AfterFunc(time.Second, func() { p.poll() })
		return
	}
	p.poll() // want `poller.poll drops the caller's context: it calls http.Get`
}

type locker struct{ s *store }

// release bounds its own unlock with a fresh deadline: it must still run
// after the worker's context is done, so it takes none.
func (l *locker) release() error {
	unlock, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return l.s.write(unlock)
}

// renew starts a root context with no deadline of its own: a drop.
func (l *locker) renew() error { return l.s.write(context.Background()) }

func (l *locker) Work(ctx context.Context) error {
	_ = l.release()
	return l.renew() // want `locker.renew drops the caller's context: it calls context.Background`
}

// branch returns a context disconnected from the parent context, with its
// span: its callers cancel it on their own.
func branch(ctx context.Context) (context.Context, context.CancelFunc) {
	detached := span.ContextWithSpan(context.Background(), span.FromContext(ctx))
	return context.WithCancel(detached)
}

// fork returns a context with the caller's span.
func fork(ctx context.Context) (context.Context, context.CancelFunc) {
	forked := span.ContextWithSpan(context.Background(), span.FromContext(ctx)) // want `context.Background discards the context in scope \(ctx\)`
	return context.WithCancel(forked)
}

// waitAny returns the index of the first of ctxs to be done.
func waitAny(ctxs []context.Context) int {
	done := make(chan int, len(ctxs))
	for i, c := range ctxs {
		go func() { <-c.Done(); done <- i }()
	}
	return <-done
}

// Offer waits for the caller's context or, a second before its deadline,
// for a side context of its own, so that the two expiries are told apart.
func (c *cache) Offer(ctx context.Context) int {
	ctxs := []context.Context{ctx}
	if deadline, ok := ctx.Deadline(); ok {
		side := deadline.Add(-time.Second)
		noPoller, cancel := context.WithDeadline(context.Background(), side) // ok: ctx's deadline, copied on purpose
		defer cancel()
		ctxs = append(ctxs, noPoller)
	}
	return waitAny(ctxs)
}

// Near miss: a side context with a deadline of its own.
func (c *cache) OfferFor(ctx context.Context) int {
	ctxs := []context.Context{ctx}
	side, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Second)) // want `context.Background discards the context in scope \(ctx\)`
	defer cancel()
	ctxs = append(ctxs, side)
	return waitAny(ctxs)
}
