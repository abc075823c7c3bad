package app

import (
	"context"
	"database/sql"

	"example.com/lib"
)

func local(db *sql.DB) error {
	return db.PingContext(context.Background())
}

func optional(db *sql.DB, ctxs ...context.Context) error { // ok: takes an optional context
	return db.PingContext(context.Background())
}

func Handle(ctx context.Context, db *sql.DB) {
	_ = lib.Flag(db) // ok: another module
	_ = local(db)    // want `app.local drops the caller's context`
	_ = optional(db) // ok: no fact
}
