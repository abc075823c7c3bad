package handlerblock

import (
	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/rule"
)

// The rule IDs handlerblock reports under (Diagnostic.Category).
const (
	ruleSleep   = "handlerblock/sleep"
	ruleForever = "handlerblock/forever"
	ruleSend    = "handlerblock/send"
	ruleSelect  = "handlerblock/select"
	ruleRecv    = "handlerblock/recv"
	ruleCond    = "handlerblock/cond"
	ruleCall    = "handlerblock/call"
)

// ruleOf returns the rule a wait of kind k is reported under.
func ruleOf(k blocking.Kind) string {
	switch k {
	case blocking.Sleep:
		return ruleSleep
	case blocking.SelectForever:
		return ruleForever
	case blocking.Send:
		return ruleSend
	case blocking.Select:
		return ruleSelect
	case blocking.Recv:
		return ruleRecv
	case blocking.CondWait:
		return ruleCond
	}
	return ruleCall
}

// Rules documents handlerblock's rules; it is their one source (README,
// docs/rules.md, -explain and SARIF are generated from it).
func Rules() []rule.Rule {
	requestOnly := "code with no cancellable context in scope (main, start-up reached only with Background, workers started without one)"
	return []rule.Rule{{
		ID:    ruleSleep,
		Title: "time.Sleep, or a timer receive outside a select, in request-scoped code",
		Why:   "The goroutine sleeps on after the request is gone or its context is cancelled; under load sleeping goroutines pile up.",
		Bad:   `time.Sleep(5 * time.Second)`,
		Good: `select {
case <-time.After(5 * time.Second):
case <-ctx.Done():
	return ctx.Err()
}`,
		NotReported: []string{
			"deliberate pauses: a constant two seconds or less in straight-line code or a loop that can end, a short back-off of a constant count",
			"a sleep in a loop that leaves once the context is done, checked on every pass",
			"a sleep right before a handler returns, outside loops: a deliberate delay of the response (a throttle, the same timing for every failed login)",
			"a constant delay of five seconds at most right before returning an error, outside loops: it holds a failing caller back from retrying at once",
			"timer drains (if !t.Stop() { <-t.C })",
			"a sleep followed by work on a context detached with context.WithoutCancel (a drain delay before a shutdown, a back-off between cleanup attempts)",
			requestOnly,
		},
		Since: rule.FirstRelease,
	}, {
		ID:          ruleForever,
		Title:       "select {} in request-scoped code",
		Why:         "An empty select blocks for ever: the goroutine outlives its request.",
		Bad:         `select {}`,
		Good:        `<-ctx.Done()`,
		NotReported: []string{requestOnly},
		Since:       rule.FirstRelease,
	}, {
		ID:    ruleSend,
		Title: "a channel send outside a select in a request handler's own body",
		Why:   "If the receiver is busy or gone, the handler waits on after its client has gone.",
		Bad:   `s.events <- ev`,
		Good: `select {
case s.events <- ev:
case <-r.Context().Done():
	return
}`,
		NotReported: []string{
			"channels made in the same function, channels the package only makes buffered",
			"sends on a channel parameter whose every caller drains it",
			"outside a handler's own body, unless -handlerblock.waits is set",
		},
		Options: []string{"waits"},
		Since:   rule.FirstRelease,
	}, {
		ID:    ruleSelect,
		Title: "a select with no ctx.Done(), default or timer case in a request handler's own body",
		Why:   "None of the cases may ever be ready: the handler waits on after its client has gone.",
		Bad: `select {
case ev := <-s.events:
	write(w, ev)
case err := <-s.errs:
	fail(w, err)
}`,
		Good: `select {
case ev := <-s.events:
	write(w, ev)
case err := <-s.errs:
	fail(w, err)
case <-r.Context().Done():
	return
}`,
		NotReported: []string{
			"selects on channels made in the same function",
			"outside a handler's own body, unless -handlerblock.waits is set",
		},
		Options: []string{"waits"},
		Since:   rule.FirstRelease,
	}, {
		ID:    ruleRecv,
		Title: "a channel receive outside a select in request-scoped code",
		Why:   "The goroutine waits on after the request is gone if the sender never comes.",
		Bad:   `ev := <-s.events`,
		Good: `select {
case ev := <-s.events:
	use(ev)
case <-ctx.Done():
	return ctx.Err()
}`,
		NotReported: []string{
			"for … range ch loops, receives from Done() channels, joins (channels the package only closes) and futures",
			"receives after the function starts a goroutine that takes its context",
			"timer drains",
		},
		Options: []string{"waits"},
		OptIn:   "waits",
		Since:   rule.FirstRelease,
	}, {
		ID:    ruleCond,
		Title: "sync.Cond.Wait in request-scoped code",
		Why:   "A Cond wait cannot be interrupted by a context: the goroutine waits on after its request is gone.",
		Bad:   `for !s.ready { s.cond.Wait() }`,
		Good: `select {
case <-s.readyCh:
case <-ctx.Done():
	return ctx.Err()
}`,
		NotReported: []string{requestOnly},
		Options:     []string{"waits"},
		OptIn:       "waits",
		Since:       rule.FirstRelease,
	}, {
		ID:    ruleCall,
		Title: "a call of a function that takes no context and waits, itself or through its callees",
		Why:   "The wait inside cannot be cancelled from the request: give the function a context and select on its Done channel there.",
		Bad: `func (s *Server) next() Event { return <-s.events }

func (s *Server) Events(w http.ResponseWriter, r *http.Request) { s.next() }`,
		Good: `func (s *Server) next(ctx context.Context) (Event, error) {
	select {
	case ev := <-s.events:
		return ev, nil
	case <-ctx.Done():
		return Event{}, ctx.Err()
	}
}`,
		NotReported: []string{
			"channel and Cond waits more than one call down, or in another package's internals",
			"calls on a value the package shuts down once a context is done",
		},
		Options: []string{"waits"},
		OptIn:   "waits",
		Since:   rule.FirstRelease,
	}}
}
