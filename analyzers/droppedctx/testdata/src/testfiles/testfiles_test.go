package testfiles

import (
	"context"
	"database/sql"
	"testing"
)

func TestQuery(t *testing.T) {
	var db *sql.DB
	_ = db.PingContext(context.Background()) // want `context.Background discards the context in scope \(t.Context\(\)\)`
}

func TestNearMiss(t *testing.T) {
	var db *sql.DB
	_ = db.PingContext(t.Context())
}
