package f

import (
	"context"
	"net/http"
	"os/exec"
	"sync"
	"time"
)

type Q struct {
	mu    sync.Mutex
	items chan int
	hc    *http.Client
}

var global sync.Mutex

func Sleepy(d time.Duration) { // want Sleepy:"waits: time.Sleep \\(f.go:20\\); blocks: time.Sleep \\(f.go:20\\)"
	time.Sleep(d)
}

func (q *Q) Pop() int { return <-q.items } // want Pop:"waits: a receive from q.items \\(f.go:23\\); blocks: a receive from q.items \\(f.go:23\\)"

func PopPop(q *Q) int { return q.Pop() + q.Pop() } // want PopPop:"waits: a receive from q.items \\(f.go:23\\) through Q.Pop; blocks: a receive from q.items \\(f.go:23\\) through Q.Pop"

func PopPopPop(q *Q) int { return PopPop(q) } // channels are followed one call up only

func (q *Q) Get(ctx context.Context, req *http.Request) error { // want Get:"blocks: q.hc.Do \\(f.go:30\\); io: q.hc.Do \\(f.go:30\\)"
	_, err := q.hc.Do(req.WithContext(ctx))
	return err
}

func Fetch(q *Q) { _ = q.Get(context.TODO(), nil) } // want Fetch:"blocks: q.hc.Do \\(f.go:30\\) through Q.Get; io: q.hc.Do \\(f.go:30\\) through Q.Get"

func (q *Q) Len() int { // want Len:"locks recv.mu"
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}

func (q *Q) Size() int { return q.Len() } // want Size:"locks recv.mu"

// Unexported functions export no fact: no other package can call them.
func (q *Q) unlock() { q.mu.Unlock() }

func G() { // want G:"locks f.global"
	global.Lock()
	global.Unlock()
}

func (q *Q) TryPop() (int, bool) {
	select {
	case v := <-q.items:
		return v, true
	default:
		return 0, false
	}
}

func Fine(q *Q) int {
	ch := make(chan int, 1)
	ch <- 1
	return <-ch
}

func Semaphore(q *Q) {
	q.items <- 1
	defer func() { <-q.items }()
}

// yield expects q.mu held: it releases and takes it back.
func (q *Q) yield() {
	q.mu.Unlock()
	q.mu.Lock()
}

// lenLocked takes the lock only when asked: its callers may hold it.
func (q *Q) lenLocked(needLock bool) int {
	if needLock {
		q.mu.Lock()
		defer q.mu.Unlock()
	}
	return len(q.items)
}

func (q *Q) yieldTwice() { q.yield(); q.yield() }

// Retry pauses for at most half a second in all: a bounded back-off,
// which blocks a lock holder but is no wait a context needs to end.
func Retry(try func() bool) { // want Retry:"blocks: a receive from time.After\\(100 \\* time.Millisecond\\) \\(f.go:\\d+\\)"
	for range 5 {
		if try() {
			return
		}
		<-time.After(100 * time.Millisecond)
	}
}

// PollReady pauses briefly in a loop that ends: a deliberate pause.
func PollReady(ready func() bool) { // want PollReady:"blocks: time.Sleep \\(f.go:\\d+\\)$"
	for !ready() {
		time.Sleep(100 * time.Millisecond)
	}
}

// SlowRetry's bounded back-off adds up to ten seconds.
func SlowRetry(try func() bool) { // want SlowRetry:"waits: time.Sleep \\(f.go:\\d+\\); blocks: time.Sleep \\(f.go:\\d+\\)"
	for i := 0; i < 10; i++ {
		if try() {
			return
		}
		time.Sleep(time.Second)
	}
}

// Git waits for a child process: it blocks, but makes no network round trip.
func Git(dir string) error { // want Git:"blocks: exec.Command\\(\"git\", \"-C\", dir, \"status\"\\).Run \\(f.go:\\d+\\)$"
	return exec.Command("git", "-C", dir, "status").Run()
}

// Lock and Unlock wrap q.mu: calls of them are lock operations.
func (q *Q) Lock() { q.mu.Lock() } // want Lock:"locks recv.mu; is lock of recv.mu"

func (q *Q) Unlock() { q.mu.Unlock() } // want Unlock:"unlocks recv.mu; is unlock of recv.mu"

// Guarded locks through the wrapper.
func (q *Q) Guarded() int { // want Guarded:"locks recv.mu"
	q.Lock()
	defer q.Unlock()
	return len(q.items)
}

// LenIf locks only when its parameter says so.
func (q *Q) LenIf(needLock bool) int { // want LenIf:"locks recv.mu if param 0 is true"
	if needLock {
		q.mu.Lock()
		defer q.mu.Unlock()
	}
	return len(q.items)
}

// Total asks LenIf to lock.
func (q *Q) Total() int { return q.LenIf(true) } // want Total:"locks recv.mu"

// Peek asks it not to.
func (q *Q) Peek() int { return q.LenIf(false) }

// Spin pauses briefly, but in a loop that never ends.
func Spin(work func()) { // want Spin:"waits: time.Sleep \\(f.go:\\d+\\); blocks: time.Sleep \\(f.go:\\d+\\)"
	for {
		work()
		time.Sleep(100 * time.Millisecond)
	}
}

// LongPause sleeps for more than a pause.
func LongPause() { // want LongPause:"waits: time.Sleep \\(f.go:\\d+\\); blocks: time.Sleep \\(f.go:\\d+\\)"
	time.Sleep(3 * time.Second)
}

// Await waits for q.items until ctx is done: a wait Blocks leaves out,
// which lasts as long as the context it is given.
func (q *Q) Await(ctx context.Context) int { // want Await:"bounded wait: a select on q.items \\(f.go:\\d+\\)$"
	select {
	case v := <-q.items:
		return v
	case <-ctx.Done():
		return 0
	}
}

func AwaitTwice(ctx context.Context, q *Q) int { // want AwaitTwice:"bounded wait: a select on q.items \\(f.go:\\d+\\) through Q.Await$"
	return q.Await(ctx) + q.Await(ctx)
}
