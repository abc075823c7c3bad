// Package defaults is checked with the default flags: sleeps and
// select {} are reported, waits on other goroutines only with -waits.
package defaults

import (
	"context"
	"net/http"
	"time"
)

type Server struct {
	events chan string
	retry  time.Duration
}

func (s *Server) Events(w http.ResponseWriter, r *http.Request) {
	time.Sleep(5 * time.Second) // want `time.Sleep ignores the context in scope, so the goroutine sleeps on after the request is gone; wait on a timer in a select that also receives from r.Context\(\).Done\(\)`
	<-s.events                  // a receive: only with -waits
	s.wait()                    // a call of a function that waits: only with -waits
}

func (s *Server) Notify(w http.ResponseWriter, r *http.Request) {
	s.events <- r.URL.Path // want `a send on s.events blocks without watching the context in scope`
}

// Near miss by default: a send outside a handler's own body (only with -waits).
func (s *Server) Publish(ctx context.Context, ev string) {
	s.events <- ev
}

func (s *Server) wait() { <-s.events }

// Run waits with a bare sleep in a loop that never checks ctx.
func (s *Server) Run(ctx context.Context, poll func() error) {
	for {
		if err := poll(); err != nil {
			time.Sleep(s.retry) // want `time.Sleep ignores the context in scope, so the goroutine sleeps on after ctx is cancelled`
		}
	}
}

// Near miss: the loop checks ctx on every pass; the pause delays the end
// by one pass at most.
func (s *Server) RunPolling(ctx context.Context, poll func() error) {
	for {
		select {
		case <-ctx.Done():
			return
		default:
		}
		if err := poll(); err != nil {
			time.Sleep(s.retry)
		}
	}
}

// Near miss: the loop checks the context the sleeping one derives from.
func (s *Server) RunPollingParent(ctx context.Context, poll func() error) {
	child, cancel := context.WithCancel(ctx)
	defer cancel()
	go s.Run(child, poll)
	for {
		select {
		case <-ctx.Done():
			return
		default:
		}
		if err := poll(); err != nil {
			time.Sleep(s.retry)
		}
	}
}

// The loop checks a context derived from the sleeping one: it may end
// later than the one in scope.
func (s *Server) RunPollingChild(ctx context.Context, poll func() error) {
	for {
		child, cancel := context.WithTimeout(context.Background(), s.retry)
		select {
		case <-child.Done():
			cancel()
			return
		default:
		}
		cancel()
		if err := poll(); err != nil {
			time.Sleep(s.retry) // want `time.Sleep ignores the context in scope`
		}
	}
}

func (s *Server) RetryPolling(ctx context.Context, poll func() error) error {
	for i := 0; i < 10; i++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if poll() == nil {
			return nil
		}
		time.Sleep(s.retry)
	}
	return nil
}

// A check inside a closure does not make the loop poll.
func (s *Server) RunClosure(ctx context.Context, poll func() error) {
	for {
		check := func() bool { return ctx.Err() != nil }
		_ = check
		time.Sleep(s.retry) // want `time.Sleep ignores the context in scope`
	}
}

// A break in a select case leaves the select, not the loop.
func (s *Server) RunSelectBreak(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			break
		default:
		}
		time.Sleep(s.retry) // want `time.Sleep ignores the context in scope`
	}
}

// Near misses: receives that empty a timer rather than wait for it.
func (s *Server) Serve(ctx context.Context, kick chan struct{}) {
	t := time.NewTimer(0)
	<-t.C // made fired, to start stopped
	for {
		if !t.Stop() {
			<-t.C // Stop failed: the value is there
		}
		t.Reset(s.retry)
		<-t.C // want `a receive from t.C ignores the context in scope`
	}
}

// Probe sleeps under its caller's context, which may be cancelled.
func Probe(ctx context.Context, pause time.Duration) {
	time.Sleep(pause) // want `time.Sleep ignores the context in scope`
}

// Near miss: the parameter is replaced, before any use, by a context that
// only a deferred cancel ends; nothing cancels it while Relay sleeps.
func Relay(ctx context.Context, pause time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.Sleep(pause)
	_ = ctx
}

// Near miss: the context comes from Background and only carries a span.
func generate(pause time.Duration) {
	ctx := context.Background()
	ctx, _ = startSpan(ctx)
	spans(ctx, pause)
}

func spans(ctx context.Context, pause time.Duration) {
	time.Sleep(pause)
}

func startSpan(ctx context.Context) (context.Context, struct{}) { return ctx, struct{}{} }

// Near miss: a test program kept beside the code; only tests run it.
func testProgram() {
	http.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		for {
			time.Sleep(5 * time.Second) // hang until killed
		}
	})
}

// Generate uses generate, so it is production code.
func Generate() { generate(time.Second) }

type Store interface {
	Find(ctx context.Context, name string) (string, error)
}

// Near miss: a sleep right before a handler returns delays its response
// on purpose (the same timing for every failed login): past a gone client
// it holds the goroutine for that one delay.
func Login(w http.ResponseWriter, r *http.Request, st Store, delay func() time.Duration) {
	if _, err := st.Find(r.Context(), r.FormValue("user")); err != nil {
		time.Sleep(delay())
		return
	}
}

// The same sleep with work after it waits before the work goes on: reported.
func LoginThenAudit(w http.ResponseWriter, r *http.Request, st Store, delay func() time.Duration) {
	if _, err := st.Find(r.Context(), r.FormValue("user")); err != nil {
		time.Sleep(delay()) // want `time.Sleep ignores the context in scope, so the goroutine sleeps on after the request is gone`
		_, _ = st.Find(r.Context(), "audit")
		return
	}
}

// Near miss outside a handler: a function given a context that returns
// right after sleeping still sleeps on after ctx is cancelled.
func Backoff(ctx context.Context, delay time.Duration) error {
	time.Sleep(delay) // want `time.Sleep ignores the context in scope, so the goroutine sleeps on after ctx is cancelled`
	return ctx.Err()
}

// One function's sleeps between the steps of a cleanup are one defect,
// reported once at the first (the others related).
func Cleanup(ctx context.Context, steps []func(context.Context) error, wait time.Duration) error {
	if err := steps[0](ctx); err != nil {
		return err
	}
	time.Sleep(wait) // want `time.Sleep ignores the context in scope, so the goroutine sleeps on after ctx is cancelled`
	if err := steps[1](ctx); err != nil {
		return err
	}
	time.Sleep(wait) // ok: reported at the first sleep
	if err := steps[2](ctx); err != nil {
		return err
	}
	time.Sleep(wait) // ok: likewise
	return steps[3](ctx)
}

// A constant delay of at most five seconds right before returning an
// error holds back a failing caller so that it does not retry at once: a
// deliberate throttle, which ends soon after ctx does.
func (s *Server) Register(ctx context.Context, register func(context.Context) error) error {
	if err := register(ctx); err != nil {
		time.Sleep(5 * time.Second) // ok: holds the failing caller back
		return err
	}
	return nil
}

// Near misses: a longer delay, a delay before a success, a delay in a
// loop, a delay followed by more work.
func (s *Server) RegisterSlowly(ctx context.Context, register func(context.Context) error) error {
	if err := register(ctx); err != nil {
		time.Sleep(30 * time.Second) // want `time.Sleep ignores the context in scope, so the goroutine sleeps on after ctx is cancelled`
		return err
	}
	return nil
}

func (s *Server) RegisterThenWait(ctx context.Context, register func(context.Context) error) error {
	if err := register(ctx); err != nil {
		return err
	}
	time.Sleep(5 * time.Second) // want `time.Sleep ignores the context in scope, so the goroutine sleeps on after ctx is cancelled`
	return nil
}

func (s *Server) RegisterEach(ctx context.Context, register func(context.Context) error, n int) error {
	for range n {
		if err := register(ctx); err != nil {
			time.Sleep(5 * time.Second) // want `time.Sleep ignores the context in scope, so the goroutine sleeps on after ctx is cancelled`
			return err
		}
	}
	return nil
}

func (s *Server) RegisterAndLog(ctx context.Context, register func(context.Context) error) error {
	if err := register(ctx); err != nil {
		time.Sleep(5 * time.Second) // want `time.Sleep ignores the context in scope, so the goroutine sleeps on after ctx is cancelled`
		s.events <- err.Error()
		return err
	}
	return nil
}

// Near miss: a poll whose back-off doubles up to a second; every pass asks
// with ctx, and the pause delays the end by a second at most.
func (s *Server) WaitCopied(ctx context.Context, status func(context.Context) (bool, error)) error {
	pollTime := 100 * time.Millisecond
	for {
		done, err := status(ctx)
		if err != nil || done {
			return err
		}
		time.Sleep(pollTime)
		pollTime = min(2*pollTime, time.Second)
	}
}

// The same poll capped at half a minute.
func (s *Server) WaitCopiedSlowly(ctx context.Context, status func(context.Context) (bool, error)) error {
	pollTime := 100 * time.Millisecond
	for {
		done, err := status(ctx)
		if err != nil || done {
			return err
		}
		time.Sleep(pollTime) // want `time.Sleep ignores the context in scope`
		pollTime = min(2*pollTime, 30*time.Second)
	}
}

// Near miss: a poll interval set once, a second.
func (s *Server) WaitTask(ctx context.Context, status func(context.Context) (bool, error)) error {
	sleepTime := time.Second
	for {
		done, err := status(ctx)
		if err != nil || done {
			return err
		}
		time.Sleep(sleepTime)
	}
}

// The interval doubles without a cap.
func (s *Server) WaitTaskLonger(ctx context.Context, status func(context.Context) (bool, error)) error {
	sleepTime := time.Second
	for {
		done, err := status(ctx)
		if err != nil || done {
			return err
		}
		time.Sleep(sleepTime) // want `time.Sleep ignores the context in scope`
		sleepTime *= 2
	}
}

// Near miss: a retry whose pause grows with its attempt, three at most
// (100 and 400 ms).
func (s *Server) ResumeWithRetry(ctx context.Context, resume func(context.Context) error) error {
	var err error
	for attempt := range 3 {
		if attempt > 0 {
			retryAfter := time.Duration(100*attempt*attempt) * time.Millisecond
			time.Sleep(retryAfter)
		}
		if err = resume(ctx); err == nil {
			return nil
		}
	}
	return err
}

// The same retry with a second per attempt, ten attempts: 45 s in all.
func (s *Server) ResumeSlowly(ctx context.Context, resume func(context.Context) error) error {
	var err error
	for attempt := 0; attempt < 10; attempt++ {
		time.Sleep(time.Duration(attempt) * time.Second) // want `time.Sleep ignores the context in scope`
		if err = resume(ctx); err == nil {
			return nil
		}
	}
	return err
}

// A drain delay before a shutdown on a detached context: the wait is part
// of work meant to outlive ctx.
func (s *Server) Drain(ctx context.Context, srv *http.Server) error {
	time.Sleep(10 * time.Second) // ok: what follows runs past cancellation on purpose
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

// Near miss: the detached work is started before the wait, not after it.
func (s *Server) AuditThenWait(ctx context.Context, audit func(context.Context)) {
	detached := context.WithoutCancel(ctx)
	go audit(detached)
	time.Sleep(10 * time.Second) // want `time.Sleep ignores the context in scope`
}
