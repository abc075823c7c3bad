package a

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net/http"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

type store struct {
	db  *sql.DB
	ctx context.Context
}

// Rule a: a root context where a context is in scope.

func rootInHandler(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `context.Background discards the context in scope \(r.Context\(\)\), so cancellation and deadlines stop here; pass r.Context\(\), or context.WithoutCancel\(r.Context\(\)\) to detach on purpose`
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://example.com", nil)
	_ = req
}

func rootInClosure(ctx context.Context, db *sql.DB) {
	run := func() error {
		_, err := db.ExecContext(context.TODO(), "DELETE FROM carts") // want `context.TODO discards the context in scope \(ctx\)`
		return err
	}
	_ = run()
}

func rootInGeneric[T any](ctx context.Context, db *sql.DB, v T) T {
	_ = db.PingContext(context.Background()) // want `context.Background discards the context in scope \(ctx\)`
	return v
}

func rootInGin(c *gin.Context, db *sql.DB) {
	_ = db.PingContext(context.Background()) // want `pass c.Request.Context\(\)`
}

// Near misses for rule a.

func main() { // no context in scope
	_ = context.Background()
}

func shutdownAfterDone(ctx context.Context, srv *http.Server) {
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second) // ok: ctx is known done
	defer cancel()
	_ = srv.Shutdown(sctx)
}

func shutdownInSelect(ctx context.Context, srv *http.Server, errs chan error) {
	select {
	case <-ctx.Done():
		_ = srv.Shutdown(context.Background()) // ok: ctx is known done
	case <-errs:
	}
}

func afterErr(ctx context.Context, db *sql.DB) {
	if err := ctx.Err(); err != nil {
		_, _ = db.ExecContext(context.Background(), "UPDATE jobs SET state = 'aborted'") // ok: ctx is known done
		return
	}
}

func detachOnPurpose(ctx context.Context, db *sql.DB) {
	_ = db.PingContext(context.WithoutCancel(ctx)) // ok: WithoutCancel
}

func (s *store) start(ctx context.Context) {
	s.ctx = context.Background() // ok: stored in a field, it outlives the call
	bg, cancel := context.WithCancel(context.Background())
	go func() { defer cancel(); <-bg.Done() }() // ok: the root goes to a goroutine
	go s.db.PingContext(context.Background())   // ok: in a go statement
}

func cleanup(ctx context.Context, db *sql.DB) {
	defer db.ExecContext(context.Background(), "DELETE FROM locks") // ok: deferred cleanup
	time.AfterFunc(time.Second, func() {
		db.ExecContext(context.Background(), "VACUUM") // ok: runs later, apart from ctx
	})
	context.AfterFunc(ctx, func() {
		db.ExecContext(context.Background(), "DELETE FROM sessions") // ok: ctx is done
	})
}

func shadowed(ctx context.Context) {
	{
		ctx := 3
		_ = ctx
		_ = context.Background() // ok: the context is shadowed, so none is in scope
	}
}

// Near miss: a request built only to format a header is never sent.
func basicAuth(w http.ResponseWriter, r *http.Request) string {
	req, _ := http.NewRequest("GET", "http://example.com", nil)
	req.SetBasicAuth("user", "pass")
	return req.Header.Get("Authorization")
}

// Rule b: non-context variants.

func variants(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	row := db.QueryRow("SELECT 1") // want `DB.QueryRow ignores the context in scope and runs on after it is canceled; use QueryRowContext\(r.Context\(\), …\)`
	_ = row
	req, _ := http.NewRequest("GET", "http://example.com", nil) // want `http.NewRequest ignores the context in scope`
	_, _ = http.DefaultClient.Do(req)
	resp, _ := http.Get("http://example.com") // want `http.Get ignores the context in scope and runs on after it is canceled; use http.NewRequestWithContext and Client.Do with r.Context\(\)`
	_ = resp
	cmd := exec.Command("ls") // ok: -droppedctx.processes reports it
	_ = cmd
	tx, _ := db.Begin() // want `DB.Begin ignores the context in scope and runs on after it is canceled; use BeginTx with r.Context\(\)`
	_ = tx
	q := db.Query // want `method value db.Query ignores the context in scope`
	_, _ = q("SELECT 1")
}

func echoHandler(c echo.Context, db *sql.DB) error {
	return db.Ping() // want `use PingContext\(c.Request\(\).Context\(\), …\)`
}

func derivedPreferred(ctx context.Context, db *sql.DB) {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_ = tctx
	_, _ = db.Exec("DELETE FROM t") // want `use ExecContext\(tctx, …\)`
}

// Near misses for rule b.

func noContext(db *sql.DB) {
	_ = db.Ping() // ok: no context in scope
}

func logging(ctx context.Context) {
	slog.Info("hello") // ok: logging is opt-in
}

func alreadyContext(ctx context.Context, db *sql.DB) {
	_ = db.PingContext(ctx) // ok
	_ = errors.New("x")     // ok: no variant
}

func blankContext(_ context.Context, db *sql.DB) {
	_ = db.Ping() // ok: the context is deliberately unnamed
}

// Rule d: goroutines that outlive the request.

func fireAndForget(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	go func() { // want `goroutine uses the request context r.Context\(\), which is canceled when the handler returns, and the handler does not wait for it; pass context.WithoutCancel\(r.Context\(\)\) or wait before returning`
		_, _ = db.ExecContext(r.Context(), "INSERT INTO audit VALUES (1)")
	}()
}

func fireDerived(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	ctx := r.Context()
	go db.ExecContext(ctx, "INSERT INTO audit VALUES (1)") // want `goroutine uses the request context ctx`
}

func fireGin(c *gin.Context, db *sql.DB) {
	go db.PingContext(c.Request.Context()) // want `goroutine uses the request context c.Request.Context\(\)`
}

// Near misses for rule d.

func waited(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // ok: waited for
		defer wg.Done()
		_ = db.PingContext(r.Context())
	}()
	wg.Wait()
}

func waitedByChannel(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	done := make(chan error)
	go func() { done <- db.PingContext(r.Context()) }() // ok: received below
	<-done
}

func servesUntilDone(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	ctx := r.Context()
	go func() { // ok: the handler returns only once ctx is done, which is the goroutine's stop signal
		_ = db.PingContext(ctx)
	}()
	<-ctx.Done()
}

func servesUntilRequestDone(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	go func() { // ok: as above, through the request's Context method
		_ = db.PingContext(r.Context())
	}()
	<-r.Context().Done()
}

func servesUntilDoneSometimes(w http.ResponseWriter, r *http.Request, db *sql.DB, wait bool) {
	ctx := r.Context()
	go func() { // want `goroutine uses the request context ctx`
		_ = db.PingContext(ctx)
	}()
	if wait {
		<-ctx.Done() // only on one path
	}
}

func servesUntilOtherDone(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	ctx := r.Context()
	short, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	go func() { // want `goroutine uses the request context ctx`
		_ = db.PingContext(ctx)
	}()
	<-short.Done() // returns after a second, while ctx lives on until then
}

func detachedGoroutine(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	ctx := context.WithoutCancel(r.Context())
	go db.PingContext(ctx) // ok: detached on purpose
}

func watcher(w http.ResponseWriter, r *http.Request, stop func()) {
	go func() { <-r.Context().Done(); stop() }() // ok: only watches the request end
}

func notHandler(ctx context.Context, db *sql.DB) {
	go db.PingContext(ctx) // ok: not a request handler; the caller owns ctx
}

// Near misses: a request built without a context that gets one later.

func newRequest(url string) (*http.Request, error) { // ok: no fact, the caller attaches its context
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return nil, err
	}
	return req, nil
}

func requestFromHelper(w http.ResponseWriter, r *http.Request) {
	req, _ := newRequest("http://example.com") // ok: the request escapes the helper
	resp, err := http.DefaultClient.Do(req.WithContext(r.Context()))
	if err == nil {
		resp.Body.Close()
	}
}

func withContextLater(ctx context.Context) {
	req, _ := http.NewRequest("GET", "http://example.com", nil) // ok: WithContext below
	req = req.WithContext(ctx)
	_ = req
}

func logWithRoot(ctx context.Context) {
	slog.LogAttrs(context.Background(), slog.LevelInfo, "hello") // ok: logging is opt-in
}

func stopServer(ctx context.Context, srv *http.Server) {
	_ = srv.Shutdown(context.Background()) // ok: a shutdown path gets a fresh context on purpose
}

func resend(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(context.Background()) // ok: the request gets a context of its own
	defer cancel()
	return http.DefaultClient.Do(req.WithContext(ctx))
}

type informer struct{ ctx context.Context }

func newInformer(ctx context.Context) *informer { return &informer{ctx: ctx} }

func (i *informer) run(stop <-chan struct{}) {}

func startInformer(ctx context.Context) {
	inf := newInformer(context.Background()) // ok: the constructed value owns its context
	go inf.run(ctx.Done())
}

func sendWith(ctx context.Context, do func(context.Context, *http.Request) error) error {
	req, err := http.NewRequest("POST", "http://example.com", nil) // ok: do gets ctx with the request
	if err != nil {
		return err
	}
	return do(ctx, req)
}

func acquire(ctx context.Context, db *sql.DB) (release func()) {
	return func() {
		_, _ = db.Exec("DELETE FROM locks") // ok: runs later, when ctx may be done
	}
}

func tbHelper(tb testing.TB, db *sql.DB) {
	_ = db.PingContext(context.TODO()) // ok: testing.TB is no carrier by default
}

type testingT interface {
	Context() context.Context
	Errorf(format string, args ...any)
	FailNow()
}

func checkConsistency(t testingT, db *sql.DB) {
	_ = db.PingContext(context.TODO()) // ok: a test helper's t is no carrier by default
}

func nilFallback(ctx context.Context, db *sql.DB) error {
	if ctx == nil {
		ctx = context.Background() // ok: there is no context to pass
	}
	return db.PingContext(ctx)
}

type conn struct{ db *sql.DB }

func (c *conn) Ping() error { return nil }

func (c *conn) PingContext(ctx context.Context) error {
	return c.Ping() // ok: the variant's own implementation
}
