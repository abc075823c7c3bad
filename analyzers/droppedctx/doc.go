// Package droppedctx defines an Analyzer that reports work that runs
// without the context in scope.
//
// # Analyzer droppedctx
//
// droppedctx: report work that drops the context in scope
//
// When a request's context is in scope but work runs without it, the work
// outlives the request: the client gives up, and the server keeps querying
// the database for nobody, past every deadline. droppedctx reports, only
// where a context (or a carrier such as *http.Request, *gin.Context,
// echo.Context or a gRPC stream) is really in scope:
//
//   - context.Background() or context.TODO(), with a fix that passes the
//     context in scope instead;
//   - a call that has a context-accepting variant (db.QueryRow and
//     QueryRowContext, http.NewRequest and
//     NewRequestWithContext, http.Get, net.Dial, net.LookupHost and
//     net.DefaultResolver.LookupHost), with a fix where the variant takes
//     (ctx, the same arguments), also when taken as a value and called
//     (f := http.Get; f(url)); a request that no call is given (built only
//     to read a header back) is never sent, and is not reported;
//   - a handler literal that passes on the context of the code that set it
//     up (routes(ctx) registering a closure that queries with ctx) instead
//     of its request's;
//   - a call of a function, in any package, that itself or through its
//     callees does one of the above while taking no context (once per
//     function and package, at its first call, with the others related);
//   - a goroutine started by a handler that uses the request's context and
//     is not waited for: the context is canceled when the handler returns.
//
// Bad:
//
//	func (s *Store) Order(w http.ResponseWriter, r *http.Request) {
//		row := s.db.QueryRow("SELECT total FROM orders WHERE id = $1", id)
//		go s.audit.Record(r.Context(), id) // canceled when Order returns
//	}
//
// Good:
//
//	func (s *Store) Order(w http.ResponseWriter, r *http.Request) {
//		row := s.db.QueryRowContext(r.Context(), "SELECT total FROM orders WHERE id = $1", id)
//		go s.audit.Record(context.WithoutCancel(r.Context()), id)
//	}
//
// Not reported, because they are right on purpose:
//
//   - code with no context in scope (main, init, constructors), or only
//     one nobody can cancel (scope.Cancellable: a parameter every caller
//     gives context.Background, a cobra command run without ExecuteContext,
//     an urfave/cli Action or ffcli Exec callback in a package that runs
//     its commands with no context it derives with a cancel or deadline),
//     or a request's after its handler took the connection over (a
//     websocket upgrade, Hijack: net/http then cancels it only when the
//     handler returns);
//   - a fresh root context after the context is known done (in
//     `case <-ctx.Done():`, after `<-ctx.Done()`, under
//     `if ctx.Err() != nil`, in a context.AfterFunc callback);
//   - context.WithoutCancel, or a hand-written one (a goroutine given the
//     request's context wrapped in a context type with its own Done), and
//     a root context that outlives the call:
//     stored in a field, returned, captured by a goroutine or by a
//     function literal that outlives the call (a stream whose Close
//     cancels it), given to a call whose result is kept beyond the call
//     (a connection or a pipe stored in a field, directly or through a
//     local variable, or a response whose body a scanner or decoder kept
//     in a field reads later), passed to a
//     shutdown path (Shutdown, Stop, Close), given to a request with
//     WithContext or Clone, or to a trace propagator's Extract, and a
//     root context that a comment in its paragraph, or the doc comment of
//     its function, says is detached on purpose ("returns a context
//     disconnected from the parent context");
//   - a root context handed to a call, or a call of a function that drops
//     one, that is also handed a function literal doing the work with the
//     context in scope or through a callback the function was given (a
//     connection helper, WithGrpcClient(context.Background(), …,
//     func(conn) error { … ctx … }), whose context only governs getting
//     the connection);
//   - a plain call in a function that closes a connection when the
//     context is done (context.AfterFunc(ctx, func() { conn.Close() }), or
//     a goroutine that receives from ctx.Done() and closes): the call ends
//     with the context by hand, as a TLS handshake over that conn does;
//   - work in goroutines (a literal only ever started with go included),
//     defers and time.AfterFunc callbacks, except a
//     goroutine the function joins with a sync.WaitGroup, which runs within
//     its context;
//   - a root context handed only to helpers that never wait (the blocking
//     facts show no I/O, no blocking and no wait a context ends: an
//     in-memory scan, a check of ctx.Err(), binding a socket), or to one
//     that keeps it for longer-lived work (a goroutine it starts, a field),
//     or only compared (`if o.ctx != context.Background()`);
//   - a plain method of a value that keeps a context of its own (a field,
//     SetDefaultContext) after the function handed it the context in scope;
//   - a method whose signature an interface without a context fixes (a
//     mutex wrapper's Lock, for sync.Locker), and its callers;
//   - a call a short timeout already bounds (an http.Client with a Timeout
//     of at most 30s, net.DialTimeout, a net.Dialer with a Timeout, a
//     connection given a deadline before its handshake, here or by every
//     caller), and a dial of a Unix socket or a loopback address, which
//     connects or is refused at once;
//   - a plain call whose context variant, in another module, never waits
//     either (a /proc read), and a method that waits on the handle of work
//     started with the context in scope (f := submit(ctx, …); f.Wait());
//   - a goroutine that uses the request context only to stop (ctx.Done(),
//     ctx.Err(), context.Cause(ctx), also in a function it hands the
//     context to), a loop that runs until its context is done
//     (wait.UntilWithContext, wait.PollUntilContextCancel), a goroutine of a
//     handler that ends on <-ctx.Done() (the context is the goroutines'
//     stop signal by design), and a function value that is never called
//     (_ = client.Get);
//   - a request built without a context that gets one later
//     (req.WithContext(ctx), or returned to a caller that attaches one;
//     req.WithContext(context.WithValue(req.Context(), …)) attaches none);
//   - constructors (New…, Must…, Init…, Default…) called with a context in scope, whose work
//     belongs to the value they build, and functions of the standard
//     library, whose droppable calls are catalogued instead;
//   - a root context that a function taking no context bounds at once with
//     its own deadline (context.WithTimeout(context.Background(), d): a
//     best-effort unlock that must still run after its caller's context
//     is done), for the function's callers;
//   - a root context started in a function that the package also calls
//     after the context is done or where the code runs apart from it (a
//     final flush after the serve loop, a time.AfterFunc callback): the
//     function must work without its caller's context;
//   - transitive drops more than two calls away or in another module, and decoding or
//     validation calls whose context variants only carry values to hooks;
//   - the code of dependencies (packages of a module required at a version),
//     which the go command, golangci-lint and gopls analyse for facts only:
//     their drops are their authors' to fix, so droppedctx skips them;
//   - calls of a package whose round trips take no context by design (eight
//     or more functions make one, fewer than one in ten takes a context: a
//     storage layer written without contexts): its callers cannot fix that
//     at their call sites, and a report per call restates one decision;
//   - logging calls (slog.Info and slog.InfoContext, and a project's own
//     logger's: a call named as a log call, returning nothing and taking
//     args ...any last, such as a glog fork's Errorf and ErrorfCtx), and root contexts
//     handed only to log lines and metrics (a project's own
//     Logger.Printf(ctx, …), recordConnectionMetrics(ctx, …): a function
//     that takes a context, returns nothing and is named as a log call or
//     a metric, also when held in a func value or field such as
//     onTrackConn), unless -droppedctx.logging is set;
//   - exec.Command, unless -droppedctx.processes is set (opt-in: a blind
//     review found every such finding right as written): CommandContext
//     kills the process when the context is canceled, which can leave a
//     command that changes state (dmsetup, mknod, mount) half done, and a
//     local process waits on no peer.
//
// Test files are skipped unless -droppedctx.tests is set, which also makes
// *testing.T, B and F context carriers.
package droppedctx
