// Package helper holds context-free helpers whose waits reach request code
// in other packages through facts.
package helper

import (
	"context"
	"sync"
	"time"
)

type Queue struct {
	items chan string
	mu    sync.Mutex
	cond  *sync.Cond
	ready bool
}

func (q *Queue) Pop() string { return <-q.items }

// Backoff sleeps longer with every attempt.
func Backoff(attempt int) { time.Sleep(time.Duration(attempt) * 10 * time.Millisecond) }

// PollReady polls with a short pause until ready: a pause, not a wait.
func PollReady(ready func() bool) {
	for !ready() {
		time.Sleep(100 * time.Millisecond)
	}
}

// SlowRetry's back-off adds up to ten seconds.
func SlowRetry(try func() bool) {
	for range 10 {
		if try() {
			return
		}
		<-time.After(time.Second)
	}
}

func PopTwice(q *Queue) string { return q.Pop() + q.Pop() }

func (q *Queue) WaitReady() {
	q.mu.Lock()
	for !q.ready {
		q.cond.Wait()
	}
	q.mu.Unlock()
}

// Near misses: no wait without a way out.

// Remove retries a few times with a short fixed pause: at most half a
// second in all, a bounded back-off rather than a wait.
func Remove(try func() bool) {
	for i := 0; i < 5; i++ {
		if try() {
			return
		}
		<-time.After(100 * time.Millisecond)
	}
}

// Settle pauses once, briefly.
func Settle() { time.Sleep(10 * time.Millisecond) }

func (q *Queue) TryPop() (string, bool) {
	select {
	case s := <-q.items:
		return s, true
	default:
		return "", false
	}
}

func (q *Queue) PopContext(ctx context.Context) (string, error) {
	select {
	case s := <-q.items:
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func Collect() []int {
	ch := make(chan int)
	go func() {
		ch <- 1
		close(ch)
	}()
	var out []int
	for v := range ch {
		out = append(out, v)
	}
	return out
}

// Session keeps a goroutine alive; Orphan waits for it to exit.
type Session struct{ donec chan struct{} }

func NewSession() *Session {
	donec := make(chan struct{})
	go func() { defer close(donec) }()
	return &Session{donec: donec}
}

func (s *Session) Orphan() { <-s.donec } // a join: the package only closes donec

// Reader runs a command under a context and hands its one result back:
// Close waits for that goroutine, which the context bounds.
type Reader struct{ done chan error }

func NewReader(ctx context.Context) *Reader {
	r := &Reader{done: make(chan error, 1)}
	go func() { r.done <- run(ctx) }()
	return r
}

func (r *Reader) Close() error { return <-r.done }

func run(ctx context.Context) error { return ctx.Err() }

// Feed sends every tick, from a goroutine that takes no context: Next
// waits for whatever comes.
type Feed struct{ out chan int }

func NewFeed(ctx context.Context) *Feed {
	f := &Feed{out: make(chan int)}
	go func() {
		for i := 0; ; i++ {
			f.out <- i
		}
	}()
	return f
}

func (f *Feed) Next() int { return <-f.out }

// Once sends one result, from a goroutine that takes no context.
type Once struct{ out chan int }

func NewOnce() *Once {
	o := &Once{out: make(chan int, 1)}
	go func() { o.out <- 1 }()
	return o
}

func (o *Once) Get() int { return <-o.out }

// WorkQueue hands out items until ShutDown, like client-go's workqueue.
type WorkQueue struct {
	cond  *sync.Cond
	items []int
	down  bool
}

func (q *WorkQueue) Get() (int, bool) {
	q.cond.L.Lock()
	defer q.cond.L.Unlock()
	for len(q.items) == 0 && !q.down {
		q.cond.Wait()
	}
	if q.down {
		return 0, true
	}
	it := q.items[0]
	q.items = q.items[1:]
	return it, false
}

func (q *WorkQueue) ShutDown() {
	q.cond.L.Lock()
	q.down = true
	q.cond.Broadcast()
	q.cond.L.Unlock()
}
