// Package cleanup is production code that holds a test helper.
package cleanup

import (
	"context"
	"database/sql"
	"testing"
)

// CleanDB is a test helper outside a _test.go file: only tests can call
// it (it takes a testing.TB), so it is test code, skipped by default.
func CleanDB(t testing.TB, ctx context.Context, db *sql.DB) {
	_, _ = db.ExecContext(context.Background(), "DELETE FROM t") // ok: a test helper
}

// ResetDB is the same without the testing.TB: production code.
func ResetDB(ctx context.Context, db *sql.DB) {
	_, _ = db.ExecContext(context.Background(), "DELETE FROM t") // want `context.Background discards the context in scope \(ctx\)`
}
