// Package captured checks handler literals that pass on the context of
// the code that registered them instead of their request's.
package captured

import (
	"context"
	"database/sql"
	"net/http"
)

func routes(ctx context.Context, mux *http.ServeMux, db *sql.DB) {
	mux.HandleFunc("/orders", func(w http.ResponseWriter, r *http.Request) {
		rows, err := db.QueryContext(ctx, "SELECT id FROM orders") // want `handler passes ctx, the context of the code that set it up, not its request's: the work runs on after the client goes away; pass r.Context\(\)`
		if err == nil {
			rows.Close()
		}
	})
	mux.HandleFunc("/ping", func(w http.ResponseWriter, r *http.Request) {
		_ = db.PingContext(r.Context()) // ok: the request's context
	})
	mux.HandleFunc("/audit", func(w http.ResponseWriter, r *http.Request) {
		go func() {
			_, _ = db.ExecContext(ctx, "INSERT INTO audit VALUES (1)") // ok: background work on the server's lifetime
		}()
	})
	mux.HandleFunc("/detached", func(w http.ResponseWriter, r *http.Request) {
		_ = db.PingContext(context.WithoutCancel(ctx)) // ok: detached on purpose
	})
	check := func() error {
		return db.PingContext(ctx) // ok: not a handler
	}
	_ = check()
}
