package a

import (
	"context"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"helper"
)

type Server struct {
	events  chan string
	updates chan int
	mu      sync.Mutex
	cond    *sync.Cond
	ready   bool
	q       *helper.Queue
}

// Waits in a handler, beside the waits that watch the request, end on their own or are this function's own.

func (s *Server) Events(w http.ResponseWriter, r *http.Request) {
	time.Sleep(5 * time.Second) // want `time.Sleep ignores the context in scope, so the goroutine sleeps on after the request is gone; wait on a timer in a select that also receives from r.Context\(\).Done\(\)`
	time.Sleep(time.Second)     // a deliberate pause of a second: not reported
	time.Sleep(2 * time.Second) // a settle delay of two seconds: not reported either
	ev := <-s.events            // want `a receive from s.events blocks without watching the context in scope, so the goroutine waits on after the request is gone; select on it together with r.Context\(\).Done\(\)`
	_ = ev
	<-time.After(3 * time.Second)        // want `a receive from time.After\(3 \* time.Second\) ignores the context in scope`
	<-time.After(100 * time.Millisecond) // a pause
}

func (s *Server) Poll(w http.ResponseWriter, r *http.Request) {
	select { // a select with default
	case ev := <-s.events:
		_ = ev
	default:
	}
	done := r.Context().Done()
	select { // a done channel in a variable
	case <-s.events:
	case <-done:
	}
	t := time.NewTimer(time.Second)
	select { // a timer case
	case <-s.events:
	case <-t.C:
	}
}

func (s *Server) Detached(w http.ResponseWriter, r *http.Request) {
	go func() {
		time.Sleep(time.Second) // in a goroutine, not holding up the request
		s.events <- "later"
	}()
	time.AfterFunc(time.Second, func() { <-s.events })
}

func (s *Server) AfterDone(ctx context.Context) {
	<-ctx.Done()
	time.Sleep(time.Millisecond) // the context is done already
}

func (s *Server) Consume(ctx context.Context) {
	for ev := range s.events { // the producer ends it by closing the channel
		_ = ev
	}
}

func Fan(ctx context.Context, inputs []int) int {
	results := make(chan int) // made here: this function's own business
	var wg sync.WaitGroup
	for _, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- in
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	sum := 0
	for v := range results {
		sum += v
	}
	wg.Wait() // waits for goroutines: not reported
	one := make(chan int, 1)
	one <- 1
	sum += <-one
	return sum
}

func (s *Server) Await(ctx context.Context) error {
	result := make(chan error, 1)
	go func() { result <- nil }()
	select { // one case is this function's own goroutine
	case err := <-result:
		return err
	case <-s.events:
		return nil
	}
}

func (s *Server) Handshake(ctx context.Context) {
	go s.run(ctx)
	<-s.events // waits for the goroutine just started with ctx
}

func (s *Server) run(ctx context.Context) {}

// Limiter is a semaphore: the function holds both ends of the channel.
type Limiter struct{ tokens chan struct{} }

func (l *Limiter) Serve(w http.ResponseWriter, r *http.Request) {
	l.tokens <- struct{}{}
	defer func() { <-l.tokens }()
}

func Limited(ctx context.Context, jobs []func() error) error {
	var g errgroup.Group
	g.SetLimit(4)
	for _, job := range jobs {
		g.Go(job) // waits for a slot under a limit set on purpose
	}
	return g.Wait()
}

// Sends that ignore the context, beside a select that watches it and a buffered hand-off.

func Forward(ctx context.Context, out chan<- string, v string) {
	out <- v // want `a send on out blocks without watching the context in scope`
	select { // want `a select on out has no ctx.Done\(\), default or timer case, so it waits on after ctx is cancelled; add case <-ctx.Done\(\)`
	case out <- v:
	case out <- v + v:
	}
}

func (s *Server) Watch(ctx context.Context) error {
	select { // a select with ctx.Done()
	case ev := <-s.events:
		_ = ev
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// resultSlot hands one result back through a buffered channel.
type resultSlot struct{ errs chan error }

func newSlot() *resultSlot {
	errs := make(chan error, 1)
	return &resultSlot{errs: errs}
}

func (s *resultSlot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.errs <- nil // buffered by design: not reported
}

// A condition wait, beside a join with a goroutine that closes a channel when it exits.

func (s *Server) AwaitReady(ctx context.Context) {
	s.mu.Lock()
	for !s.ready {
		s.cond.Wait() // want `s.cond.Wait cannot be interrupted by the context in scope`
	}
	s.mu.Unlock()
}

// Cache runs a maintenance goroutine that closes stopped when it exits.
type Cache struct {
	stopped chan struct{}
	quit    chan struct{}
}

func (c *Cache) maintain() {
	defer close(c.stopped)
	<-c.quit
}

func (c *Cache) Stop() {
	close(c.quit)
	<-c.stopped // a join: waits for the goroutine, as WaitGroup.Wait does
}

func (c *Cache) Reload(ctx context.Context, streaming bool) {
	c.Stop() // joins a goroutine: not reported
	var timeout <-chan time.Time
	if streaming {
		timeout = time.NewTimer(time.Second).C
	}
	select { // a timer case, held in a variable
	case <-c.quit:
	case <-timeout:
	}
}

// A request that blocks for ever, beside code with no context at all.

func (s *Server) Forever(w http.ResponseWriter, r *http.Request) {
	select {} // want `select {} blocks for ever in request-scoped code; wait on <-r.Context\(\).Done\(\) instead`
}

// Worker runs in the background with no context.
type Worker struct{ jobs chan func() }

func (w *Worker) run() {
	for {
		job := <-w.jobs
		job()
		time.Sleep(time.Millisecond)
	}
}

func main() {
	s := &Server{events: make(chan string)}
	<-s.events
	time.Sleep(time.Second)
}

// Waits one call down, beside helpers that take a context, return at once or join.

func (s *Server) Transitive(ctx context.Context) string {
	helper.Backoff(1)                 // want `helper.Backoff waits with no way to cancel it, on time.Sleep \(helper.go:\d+\); give it a context parameter, pass ctx and select on its Done channel there`
	v := s.q.Pop()                    // want `Queue.Pop waits with no way to cancel it, on a receive from q.items \(helper.go:\d+\)`
	v += helper.PopTwice(s.q)         // a receive below another package's function: its internal hand-off
	s.q.WaitReady()                   // want `Queue.WaitReady waits with no way to cancel it, on q.cond.Wait`
	s.spin()                          // want `Server.spin waits with no way to cancel it, on time.Sleep`
	s.pause()                         // a short poll in a loop that ends: a pause, one call down as in place
	helper.PollReady(s.isReady)       // likewise, in another package
	helper.SlowRetry(s.isReady)       // want `helper.SlowRetry waits with no way to cancel it, on a receive from time.After\(time.Second\)`
	helper.Remove(s.isReady)          // a bounded back-off: half a second at most
	helper.Settle()                   // a short fixed pause
	time.Sleep(10 * time.Millisecond) // the same pause in place: not reported either
	for {
		if s.isReady() {
			break
		}
		time.Sleep(10 * time.Millisecond) // a poll that ends
	}
	for {
		s.ready = !s.ready
		time.Sleep(10 * time.Millisecond) // want `time.Sleep ignores the context in scope`
	}
}

func (s *Server) pause() {
	for !s.ready {
		time.Sleep(time.Millisecond)
	}
}

// spin never stops polling.
func (s *Server) spin() {
	for {
		s.ready = !s.ready
		time.Sleep(time.Millisecond)
	}
}

func (s *Server) isReady() bool { return s.ready }

func (s *Server) Helpers(ctx context.Context) {
	_, _ = s.q.TryPop()
	_, _ = s.q.PopContext(ctx)
	_ = helper.Collect()
}

func Elect(ctx context.Context) {
	helper.NewSession().Orphan() // joins the session's goroutine: not reported
}

func Futures(ctx context.Context) int {
	_ = helper.NewReader(ctx).Close() // joins a goroutine that runs under ctx
	n := helper.NewFeed(ctx).Next()   // want `Feed.Next waits with no way to cancel it, on a receive from f.out`
	n += helper.NewOnce().Get()       // want `Once.Get waits with no way to cancel it, on a receive from o.out`
	return n
}

// A closure called in place waits; the same closure started as a goroutine does not hold the caller.

func (s *Server) InClosure(ctx context.Context) {
	run := func() {
		<-s.events // want `a receive from s.events blocks without watching the context in scope`
	}
	run()
}

func (s *Server) Later(ctx context.Context) {
	wait := func() {
		<-s.events // started as a goroutine below
	}
	go wait()
}

// produce's callers drain out whatever happens: its sends wait only while
// the caller works.
func produce(ctx context.Context, out chan<- int) {
	defer close(out)
	for i := range 3 {
		out <- i
	}
}

func FirstBig(ctx context.Context) int {
	out := make(chan int)
	go produce(ctx, out)
	defer func() {
		for range out {
		}
	}()
	for v := range out {
		if v > 1 {
			return v
		}
	}
	return 0
}

func Count(ctx context.Context) int {
	out := make(chan int, 1)
	n := 0
	done := make(chan struct{})
	go func() {
		for range out {
			n++
		}
		close(done)
	}()
	produce(ctx, out)
	<-done
	return n
}

// emit's caller stops reading after the first value, and drains nothing.
func emit(ctx context.Context, out chan<- int) {
	for i := range 3 {
		out <- i // want `a send on out blocks without watching the context in scope`
	}
}

func First(ctx context.Context) int {
	out := make(chan int)
	go emit(ctx, out)
	return <-out
}

// relay's caller drains only when it fails.
func relay(ctx context.Context, out chan<- int) {
	out <- 1 // want `a send on out blocks without watching the context in scope`
}

func Relay(ctx context.Context, fail bool) int {
	out := make(chan int)
	go relay(ctx, out)
	if fail {
		defer func() {
			for range out {
			}
		}()
	}
	return <-out
}

// Only Background reaches startup: nobody can cancel its context, so
// nothing waits on after a cancellation.
func startup(ctx context.Context, s *Server) {
	time.Sleep(5 * time.Second) // not reported: no cancellable caller
	<-s.events
	watch(ctx, s)
}

func watch(ctx context.Context, s *Server) {
	<-s.events // not reported: reached only from startup
}

func Boot(s *Server) {
	startup(context.Background(), s)
}

// Run is exported: its callers may cancel ctx, and its bare ticker
// receive keeps the loop going after they do.
func Run(ctx context.Context, s *Server, t *time.Ticker) {
	for {
		<-t.C // want `a receive from t.C ignores the context in scope`
		s.ready = ctx.Err() == nil
	}
}

// A work queue shut down when the context ends: its Get returns then.
type Endpoints struct{ queue *helper.WorkQueue }

func (e *Endpoints) Run(ctx context.Context) {
	defer e.queue.ShutDown()
	go func() {
		for e.process(ctx) {
		}
	}()
	<-ctx.Done()
}

func (e *Endpoints) process(ctx context.Context) bool {
	_, quit := e.queue.Get() // released by ShutDown once ctx is done
	return !quit
}

// The same queue without the shutdown.
type Nodes struct{ queue *helper.WorkQueue }

func (n *Nodes) Process(ctx context.Context) bool {
	_, quit := n.queue.Get() // want `WorkQueue.Get waits with no way to cancel it, on q.cond.Wait`
	return !quit
}

// A latch read through an accessor is still a latch: closed, never sent on.
type notifier struct{ done chan struct{} }

func (n *notifier) Close() error            { close(n.done); return nil }
func (n *notifier) notify() <-chan struct{} { return n.done }

type stream struct{ events chan int }

func (s *stream) C() <-chan int { return s.events }

func Park(w http.ResponseWriter, r *http.Request, n *notifier, s *stream) {
	<-n.notify() // waits for Close, as a join does
	<-s.C()      // want `a receive from s.C\(\) blocks without watching the context in scope`
}
