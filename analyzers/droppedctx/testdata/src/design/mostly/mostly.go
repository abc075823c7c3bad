// Package mostly passes contexts on every round trip but one: that one is
// the mistake.
package mostly

import (
	"context"
	"database/sql"
)

type Storage struct{ db *sql.DB }

func (s *Storage) count(ctx context.Context, q string) (n int) {
	_ = s.db.QueryRowContext(ctx, q).Scan(&n)
	return n
}

func (s *Storage) UserByID(id int64) string {
	var name string
	_ = s.db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name
}

func (s *Storage) Users(ctx context.Context) int { return s.count(ctx, "SELECT count(*) FROM users") }
func (s *Storage) Feeds(ctx context.Context) int { return s.count(ctx, "SELECT count(*) FROM feeds") }
func (s *Storage) Entries(ctx context.Context) int {
	return s.count(ctx, "SELECT count(*) FROM entries")
}
func (s *Storage) Categories(ctx context.Context) int {
	return s.count(ctx, "SELECT count(*) FROM categories")
}
func (s *Storage) Sessions(ctx context.Context) int {
	return s.count(ctx, "SELECT count(*) FROM sessions")
}
func (s *Storage) Icons(ctx context.Context) int { return s.count(ctx, "SELECT count(*) FROM icons") }
func (s *Storage) Enclosures(ctx context.Context) int {
	return s.count(ctx, "SELECT count(*) FROM enclosures")
}
