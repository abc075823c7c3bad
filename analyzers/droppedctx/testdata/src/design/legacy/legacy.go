// Package legacy is a storage layer written without contexts: none of its
// round trips takes one, by design.
package legacy

import "database/sql"

type Storage struct{ db *sql.DB }

func (s *Storage) count(q string) (n int) { _ = s.db.QueryRow(q).Scan(&n); return n }

func (s *Storage) UserByID(id int64) string {
	var name string
	_ = s.db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name
}

func (s *Storage) Users() int      { return s.count("SELECT count(*) FROM users") }
func (s *Storage) Feeds() int      { return s.count("SELECT count(*) FROM feeds") }
func (s *Storage) Entries() int    { return s.count("SELECT count(*) FROM entries") }
func (s *Storage) Categories() int { return s.count("SELECT count(*) FROM categories") }
func (s *Storage) Sessions() int   { return s.count("SELECT count(*) FROM sessions") }
func (s *Storage) Icons() int      { return s.count("SELECT count(*) FROM icons") }
func (s *Storage) Enclosures() int { return s.count("SELECT count(*) FROM enclosures") }
