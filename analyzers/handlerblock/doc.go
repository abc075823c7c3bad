// Package handlerblock defines an Analyzer that reports request-scoped
// code that waits while ignoring its context.
//
// # Analyzer handlerblock
//
// handlerblock: report waits in request-scoped code that ignore its context
//
// A goroutine that serves a request and blocks without watching its
// context keeps running after the client has gone. Under load such
// goroutines pile up until the process runs out of memory or misses its
// deadlines. handlerblock reports, only where a context (or a carrier such
// as *http.Request, *gin.Context, echo.Context or a gRPC stream) is in
// scope:
//
//   - time.Sleep, and a receive from time.After or a timer outside a select;
//   - a channel send or receive outside a select, or a select with no
//     ctx.Done(), default or timer case, on a channel the function did not
//     make (a field, a parameter, a package variable);
//   - sync.Cond.Wait, and select {};
//   - a call of a function, in any package, that takes no context and
//     itself or through its callees does one of the above (channel and
//     Cond waits only one call down, and only when the called function in
//     another package does them itself: deeper, they are a library's
//     internal hand-offs), unless its only waits are a short fixed pause
//     (constant sleeps, in straight-line code or loops with a constant
//     count, five seconds at most in all: a retry helper's back-off).
//
// Bad:
//
//	func (s *Server) Events(w http.ResponseWriter, r *http.Request) {
//		ev := <-s.events // waits on after the client is gone
//		time.Sleep(time.Second)
//	}
//
// Good:
//
//	func (s *Server) Events(w http.ResponseWriter, r *http.Request) {
//		select {
//		case ev := <-s.events:
//			// …
//		case <-r.Context().Done():
//			return
//		}
//	}
//
// Not reported: channels made in the same function (its own business, also
// as one case of a select: the wait ends when the function's own work does),
// sends on channels the package only ever makes buffered (a result slot or
// a queue sized by design), sends on a channel parameter of an unexported
// function whose every caller drains that channel on every exit (a
// deferred for range ch {}, or a goroutine that ranges over it to the end), semaphores whose two ends the function holds, a
// `for … range ch` loop (the producer ends it by closing the channel),
// receives from any Done() channel, errgroup.Group.Go under SetLimit,
// WaitGroup and errgroup waits,
// receives from channels the package only closes (a join) and from fields
// that only goroutines taking a context send on, once each (a future:
// go func() { r.done <- run(ctx) }(), then <-r.done), code with
// no context in scope (main, background workers started without one),
// goroutines, deferred calls, time.AfterFunc callbacks and closures that
// are returned or stored, started from request code,
// receives after the function starts a goroutine that takes its context
// (they wait for that goroutine, which honours it), and
// code after the context is known done. Test files are skipped unless
// -handlerblock.tests is set.
package handlerblock
