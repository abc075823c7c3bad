// Package values checks functions and methods taken as values.
package values

import (
	"context"
	"database/sql"
	"net/http"
)

func fetchVia(ctx context.Context, url string) {
	f := http.Get // want `function value http.Get ignores the context in scope, so calls through it outlive cancellation; call http.NewRequestWithContext and Client.Do with ctx instead`
	resp, err := f(url)
	if err == nil {
		resp.Body.Close()
	}
}

func retry(ctx context.Context, db *sql.DB, do func() error) error { return do() }

func pingVia(ctx context.Context, db *sql.DB) error {
	return retry(ctx, db, db.Ping) // want `method value db.Ping ignores the context in scope`
}

// Near misses: values that are never called.

func assertShape(ctx context.Context, client *http.Client, db *sql.DB) {
	_ = client.Get // ok: discarded, never called
	_ = http.Get   // ok: discarded
	q := db.Query  // ok: only discarded below
	_ = q
}

func reference(url string) {
	f := http.Get // ok: no context in scope
	_, _ = f(url)
}
