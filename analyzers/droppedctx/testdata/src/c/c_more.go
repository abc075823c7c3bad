package c

import (
	"context"
	"database/sql"
	"net/http"

	"b"
)

// A callee that drops the context is one defect however often the package
// calls it: it is reported once, at its first call (Handler's, in c.go),
// with the others as related information.
func Again(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	_ = b.Lookup(db, 3) // ok: reported at its first call, in c.go
	_ = b.Lookup(db, 4) // ok: likewise
}

func count(db *sql.DB) error {
	return b.Lookup(db, 5)
}

// A call a directive suppresses does not take the others with it.
func Suppressed(ctx context.Context, db *sql.DB) {
	_ = count(db) //nolint:droppedctx // reviewed: this one is fine
	if db == nil {
		return
	}
	_ = count(db) // want `c.count drops the caller's context: it calls context.Background \(b.go:12\) through b.Lookup`
	_ = count(db) // ok: reported at the call above
}
