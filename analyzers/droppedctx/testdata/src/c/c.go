// Package c calls b's helpers from context-scoped code.
package c

import (
	"context"
	"database/sql"
	"net/http"

	"b"
	"example.com/settings"
)

func Handler(w http.ResponseWriter, r *http.Request, db *sql.DB, s *b.Store) {
	_ = b.Lookup(db, 1)            // want `b.Lookup drops the caller's context: it calls context.Background \(b.go:12\); give it a context parameter and pass r.Context\(\)`
	_ = b.Refresh(s)               // want `b.Refresh drops the caller's context: it calls DB.QueryRow \(b.go:17\) through Store.Count`
	_ = s.Count()                  // want `Store.Count drops the caller's context`
	_ = b.Get(db, "x")             // want `b.Get drops the caller's context`
	_ = local(db)                  // want `c.local drops the caller's context: it calls context.Background \(b.go:12\) through b.Lookup`
	_ = b.PingOnce(db)             // want `b.PingOnce drops the caller's context: it calls context.Background \(b.go:80\)`
	_ = retries()                  // ok: its root context only reads a setting
	_ = countRepo(db)              // want `c.countRepo drops the caller's context: it calls context.Background`
	_ = pingAll(db)                // want `c.pingAll drops the caller's context: it calls context.Background \(c.go:\d+\)`
	_ = (&b.Proc{}).OpenStdin(db)  // ok: the connection is kept beyond the call
	_ = (&b.Proc{}).CheckStdin(db) // want `Proc.CheckStdin drops the caller's context: it calls context.Background`
	_ = b.Retry(nil)               // want `b.Retry drops the caller's context: it calls context.Background \(b.go:56\); call b.RetryContext with r.Context\(\) instead`
}

func local(db *sql.DB) error {
	return b.Lookup(db, 2)
}

func NoContext(db *sql.DB, s *b.Store) { // want NoContext:`drops context: calls context.Background \(b.go:12\) through b.Lookup`
	_ = b.Lookup(db, 1) // ok: no context to pass
}

func Fine(ctx context.Context, db *sql.DB) {
	_ = b.WithContext(ctx, db) // ok
	_ = b.NewStore(db)         // ok: no fact
	stop := b.Start(db)        // ok: its root context escapes on purpose
	_, _ = b.OpenStream(db)    // ok: the stream's Close owns its context
	stop()
}

// deeper is three calls from the drop: past maxDepth, no fact.
func deeper(db *sql.DB) error {
	return local(db)
}

func CallsDeeper(ctx context.Context, db *sql.DB) {
	_ = deeper(db)      // ok: the evidence is too far away
	_ = b.NewClient(db) // ok: constructor
}

// retries hands its root context only to a function of another package
// that the blocking facts show waits on nothing.
func retries() int {
	return settings.ConfigOf(context.Background())
}

// pingAll hands it to one that pings the database.
func pingAll(db *sql.DB) error {
	return b.Check(context.Background(), db)
}

// countRepo's root context is kept by the Repo, whose Count waits on it.
func countRepo(db *sql.DB) error {
	repo, err := settings.Open(context.Background(), "x")
	if err != nil {
		return err
	}
	return repo.Count(db)
}
