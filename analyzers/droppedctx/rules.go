package droppedctx

import "github.com/conclint/conclint/internal/rule"

// The rule IDs droppedctx reports under (Diagnostic.Category).
const (
	ruleBackground = "droppedctx/background"
	ruleVariant    = "droppedctx/variant"
	ruleCaptured   = "droppedctx/captured"
	ruleTransitive = "droppedctx/transitive"
	ruleGoroutine  = "droppedctx/goroutine"
)

// Rules documents droppedctx's rules; it is their one source (README,
// docs/rules.md, -explain and SARIF are generated from it).
func Rules() []rule.Rule {
	return []rule.Rule{{
		ID:    ruleBackground,
		Title: "context.Background or context.TODO where a cancellable context is in scope",
		Why:   "A fresh root context stops cancellation and deadlines: the work runs on after the client has gone, past every deadline of the request.",
		Bad: `func (s *Store) Order(w http.ResponseWriter, r *http.Request) {
	s.db.QueryRowContext(context.Background(), query, id)
}`,
		Good: `func (s *Store) Order(w http.ResponseWriter, r *http.Request) {
	s.db.QueryRowContext(r.Context(), query, id)
}`,
		NotReported: []string{
			"a root context after the context is known done (in case <-ctx.Done(), under if ctx.Err() != nil, in a context.AfterFunc callback)",
			"a root context that outlives the call: stored, returned, captured by a goroutine, passed to Shutdown, Stop or Close",
			"a root context handed only to helpers that never wait, or to log lines and metrics (Logger.Printf(ctx, …), recordMetrics(ctx, …); unless -droppedctx.logging)",
			"a root context that only carries a value to be read back (trace.ContextWithSpan, then trace.SpanFromContext for the trace ID)",
			"a root context given a deadline computed from the context's own Deadline(): a side context kept apart on purpose",
			"a root context handed to a connection helper along with a function literal that does the work with the context in scope (WithGrpcClient(context.Background(), …, func(conn) error { … ctx … }))",
		},
		Options: []string{"logging"},
		Since:   rule.FirstRelease,
	}, {
		ID:    ruleVariant,
		Title: "a call that has a context-accepting variant, made without the context in scope",
		Why:   "db.QueryRow, http.Get, net.Dial and the like cannot be cancelled: they run on after the request is gone (exec.Command only with -droppedctx.processes).",
		Bad: `func (s *Store) Order(w http.ResponseWriter, r *http.Request) {
	row := s.db.QueryRow("SELECT total FROM orders WHERE id = $1", id)
}`,
		Good: `func (s *Store) Order(w http.ResponseWriter, r *http.Request) {
	row := s.db.QueryRowContext(r.Context(), "SELECT total FROM orders WHERE id = $1", id)
}`,
		NotReported: []string{
			"a call a short timeout already bounds (an http.Client with a Timeout of at most 30s, net.DialTimeout)",
			"a request built without a context that gets one later (req.WithContext(ctx))",
			"a function value that is never called (_ = client.Get)",
			"logging calls (slog.Info), unless -droppedctx.logging is set",
		},
		Options: []string{"logging"},
		Since:   rule.FirstRelease,
	}, {
		ID:    ruleCaptured,
		Title: "a handler literal that passes on the context of the code that set it up instead of its request's",
		Why:   "A context captured from routes(ctx) lives as long as the server: work under it runs on after the client of the request has gone.",
		Bad: `func routes(ctx context.Context, mux *http.ServeMux, db *sql.DB) {
	mux.HandleFunc("/n", func(w http.ResponseWriter, r *http.Request) {
		db.QueryRowContext(ctx, query)
	})
}`,
		Good: `func routes(ctx context.Context, mux *http.ServeMux, db *sql.DB) {
	mux.HandleFunc("/n", func(w http.ResponseWriter, r *http.Request) {
		db.QueryRowContext(r.Context(), query)
	})
}`,
		NotReported: []string{"a detached context (context.WithoutCancel)", "a handler with no context of its own"},
		Options:     []string{"logging"},
		Since:       rule.FirstRelease,
	}, {
		ID:    ruleTransitive,
		Title: "a call of a function that itself, or through its callees, drops the context while taking none",
		Why:   "The callee does the uncancellable work; the caller is where the context is and where a context parameter must come from. One function is reported once per package, at its first call, with its other calls as related information: one context parameter fixes them all. Where the callee has a sibling that takes a context first (ThrottleRetryContext beside ThrottleRetry), the advice is to call that.",
		Bad: `func lookup(host string) ([]net.IP, error) { return net.LookupIP(host) }

func (s *Server) Check(w http.ResponseWriter, r *http.Request) {
	lookup(r.URL.Host)
}`,
		Good: `func lookup(ctx context.Context, host string) ([]net.IPAddr, error) {
	return net.DefaultResolver.LookupIPAddr(ctx, host)
}

func (s *Server) Check(w http.ResponseWriter, r *http.Request) {
	lookup(r.Context(), r.URL.Host)
}`,
		NotReported: []string{
			"drops more than two calls away or in another module",
			"a call also handed a function literal that does the work with the context in scope (a connection helper's callback)",
			"constructors (New…, Must…) and methods whose signature an interface without a context fixes",
			"functions of the standard library, whose droppable calls are catalogued instead",
			"a root context started in a function the package also calls after the context is done or where it runs apart from it (a final flush after the serve loop, a time.AfterFunc callback): it must work without its caller's context",
		},
		Options: []string{"logging"},
		Since:   rule.FirstRelease,
	}, {
		ID:    ruleGoroutine,
		Title: "a goroutine started by a handler that uses the request context and is not waited for",
		Why:   "The request context is cancelled when the handler returns, so the goroutine's work dies half-done.",
		Bad: `func (s *Store) Order(w http.ResponseWriter, r *http.Request) {
	go s.audit.Record(r.Context(), id)
}`,
		Good: `func (s *Store) Order(w http.ResponseWriter, r *http.Request) {
	go s.audit.Record(context.WithoutCancel(r.Context()), id)
}`,
		NotReported: []string{
			"a goroutine the handler joins (sync.WaitGroup, a receive of its result)",
			"a goroutine that uses the context only to stop (ctx.Done())",
			"a goroutine of a handler that ends on <-ctx.Done(): the context is its stop signal by design",
		},
		Since: rule.FirstRelease,
	}}
}
