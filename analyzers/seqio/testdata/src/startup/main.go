package main

import (
	"context"
	"database/sql"
)

var db *sql.DB

// Near miss: main runs once; nobody waits for its latency.
func main() {
	ctx := context.Background()
	var users, orders int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&users); err != nil {
		return
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM orders").Scan(&orders); err != nil {
		return
	}
}

// The same reads in a function that serves callers.
func counts(ctx context.Context) (int, int, error) {
	var users, orders int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&users); err != nil {
		return 0, 0, err
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM orders").Scan(&orders); err != nil { // want `db.QueryRowContext does not depend on db.QueryRowContext`
		return 0, 0, err
	}
	return users, orders, nil
}
