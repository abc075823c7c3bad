package instant

import (
	"context"
	"database/sql"

	"example.com/span"
)

// traceID takes no context: its root context only carries a span to be
// read back, and nothing waits with it.
func traceID(s span.Span) string {
	ctx := span.ContextWithSpan(context.Background(), s)
	return span.FromContext(ctx).ID
}

// pingTraced's root context carries a span too, but then waits on the
// database.
func pingTraced(db *sql.DB, s span.Span) error {
	ctx := span.ContextWithSpan(context.Background(), s)
	return db.PingContext(ctx)
}

func Traced(ctx context.Context, db *sql.DB) string {
	s := span.FromContext(ctx)
	_ = pingTraced(db, s) // want `instant.pingTraced drops the caller's context: it calls context.Background \(spans.go:20\)`
	return traceID(s)
}
