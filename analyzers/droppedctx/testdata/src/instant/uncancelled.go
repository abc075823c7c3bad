package instant

import (
	"context"
	"database/sql"
)

// startup's context is only ever Background: nobody cancels it.
func startup(ctx context.Context, db *sql.DB) error {
	return db.Ping() // ok: there is no cancellation to lose
}

// serveOne's context comes from a caller that can cancel it.
func serveOne(ctx context.Context, db *sql.DB) error {
	return db.Ping() // want `DB.Ping ignores the context in scope`
}

func Boot(ctx context.Context, db *sql.DB) error {
	if err := startup(context.Background(), db); err != nil { // want `context.Background discards the context in scope \(ctx\)`
		return err
	}
	return serveOne(ctx, db)
}
