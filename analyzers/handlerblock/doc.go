// Package handlerblock defines an Analyzer that reports request-scoped
// code that waits while ignoring its context.
//
// # Analyzer handlerblock
//
// handlerblock: report waits in request-scoped code that ignore its context
//
// A goroutine that serves a request, or a loop that runs until its context
// ends, and blocks without watching that context keeps running after
// whoever canceled it has gone. Under load such goroutines pile up until
// the process runs out of memory or misses its deadlines. handlerblock
// reports, only where a context that someone can cancel is in scope (a
// request's, a handler framework's, one derived with a cancel or deadline,
// the parameter of an exported function, whose callers are unknown; not a
// parameter that every caller in the package fills with Background or
// TODO, or that the function replaces before using it; not a context
// derived from Background that only carries values, or whose cancel is
// only deferred, ending it when the function returns, not while it
// waits; not a CLI command's, which a cobra, urfave/cli or ffcli program
// cancels only if the package runs the command with a context it derives
// with a cancel or deadline, as signal.NotifyContext does; not a request's
// after its handler took the connection over, a websocket upgrade or
// Hijack, since net/http then cancels it only when the handler returns):
//
//   - time.Sleep, and a receive from time.After or a timer outside a
//     select, unless it is a deliberate pause: two seconds or less (a
//     constant, a local variable only ever set to such durations, a
//     min(…) capped so, as a poll's doubling back-off, or a multiple of a
//     constant-count retry loop's attempt number), in straight-line
//     code or in a loop that can end (a poll, a throttle, a settle delay),
//     or a back-off of a constant count, five seconds at
//     most in all, or a constant delay of five seconds at most right
//     before returning an error, outside loops (it holds a failing caller
//     back from retrying at once), or it sits in a loop that leaves once the context is
//     done, checked on every pass (the pause delays the end by one pass).
//     A pause in a loop that never ends is no pause;
//   - select {};
//   - in a request handler's own body (net/http, gin, echo, gRPC), a
//     channel send outside a select, or a select with no ctx.Done(),
//     default or timer case, on a channel the function did not make: the
//     client may be gone while the other side is busy.
//
// With -handlerblock.waits (opt-in: on real code most such waits have
// another way to end, a protocol in which the other side always answers
// or drains, so fewer than nine in ten findings were worth a change), it
// also reports:
//
//   - the same channel waits, and receives, anywhere a cancellable context
//     is in scope (a field, a parameter, a package variable);
//   - sync.Cond.Wait;
//   - a call of a function, in any package, that takes no context and
//     itself or through its callees does one of the above, by the same
//     rules (channel and Cond waits only one call down, and only when the
//     called function in another package does them itself: deeper, they
//     are a library's internal hand-offs).
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
// One function's waits of one kind on one thing (the sleeps between the
// steps of a cleanup, sends on one channel) are reported once, at the
// first, with the others as related information.
//
// Not reported: a sleep right before a handler returns, outside loops (a
// deliberate delay of the response: a throttle, the same timing for every
// failed login); a wait followed, in its function, by work on a context
// detached with context.WithoutCancel (a drain delay before a shutdown, a
// back-off between cleanup attempts meant to outlive the request); receives that empty a timer rather than wait for it (if
// !t.Stop() { <-t.C }, or right after t := time.NewTimer(0)); calls on a value that the package shuts down once a
// context is done (a work queue whose Get returns after a deferred
// queue.ShutDown() in the function that waits for <-ctx.Done()); channels
// made in the same function (its own business, also as one case of a
// select: the wait ends when the function's own work does); a select
// whose every case receives from channels that a call given the context
// in scope returned (updates, errs := store.Watch(ctx, …): the producer
// ends with the context); sends on
// channels the package only ever makes buffered (a result slot or a queue
// sized by design); sends on a channel parameter of an unexported function
// whose every caller drains that channel on every exit (a deferred
// for range ch {}, or a goroutine that ranges over it to the end);
// sends on a channel of the package's API that only its users receive
// from (an exported field or variable the package declares and never
// receives from: a hook channel its documentation says to drain);
// sends on a channel that only service loops of the package receive from
// (a hub: a goroutine's endless select or range over it that waits
// nowhere else and stops only on a Done() case, so it takes each send as
// soon as it comes round); semaphores whose two ends the function holds; a `for … range ch` loop
// (the producer ends it by closing the channel); receives from any Done()
// channel; errgroup.Group.Go under SetLimit; WaitGroup and errgroup waits;
// receives from channels the package only closes (a join) and from fields
// that only goroutines taking a context send on, once each (a future:
// go func() { r.done <- run(ctx) }(), then <-r.done); code with no
// cancellable context in scope (main, start-up reached only with
// Background, background workers started without one); goroutines,
// deferred calls, time.AfterFunc callbacks and closures that are returned
// or stored, started from request code; receives after the function
// starts a goroutine that takes its context (they wait for that
// goroutine, which honours it); and code after the context is known done.
// Demo programs (package main under an examples or demo directory) and
// unexported functions that only tests reach, or nothing does (a test
// program kept beside the code it tests), are skipped. Test files and test support (testutil, mocks, fakes, devtest
// packages) are skipped unless -handlerblock.tests is set.
package handlerblock
