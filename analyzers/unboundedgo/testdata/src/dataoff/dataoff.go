// Package dataoff runs at the default options: a request, a queue or a
// stream sizes a fan-out (unboundedgo/fanout); what a round trip returns
// does so only with -unboundedgo.data (unboundedgo/data).
package dataoff

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
)

func fetch(ctx context.Context, id string) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example/"+id, nil)
	_, _ = http.DefaultClient.Do(req)
}

// The IDs of a request body: as many as the client sends.
func batch(w http.ResponseWriter, r *http.Request) {
	var req struct{ IDs []string }
	_ = json.NewDecoder(r.Body).Decode(&req)
	for _, id := range req.IDs {
		go fetch(r.Context(), id) // want `one goroutine per element of req.IDs with no limit`
	}
}

// Near miss: the rows of a query are data too, but only -unboundedgo.data
// reports them.
func notifyOwners(ctx context.Context, db *sql.DB) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM owners")
	if err != nil {
		return
	}
	var ids []string
	for rows.Next() {
		var id string
		_ = rows.Scan(&id)
		ids = append(ids, id)
	}
	for _, id := range ids {
		go fetch(ctx, id) // not reported at the default options
	}
}

// A queue: as many values as its senders send.
func consume(ctx context.Context, jobs <-chan string) {
	for id := range jobs {
		go fetch(ctx, id) // want `one goroutine per value received from jobs with no limit`
	}
}

var db *sql.DB

// Near miss: a query keyed by the request's session returns what the
// database holds for it, not as many rows as the client sends.
func logout(w http.ResponseWriter, r *http.Request) {
	rows, err := db.QueryContext(r.Context(), "SELECT url FROM clients WHERE session = $1", r.FormValue("sid"))
	if err != nil {
		return
	}
	var urls []string
	for rows.Next() {
		var u string
		_ = rows.Scan(&u)
		urls = append(urls, u)
	}
	for _, u := range urls {
		go fetch(context.WithoutCancel(r.Context()), u) // not reported at the default options
	}
}
