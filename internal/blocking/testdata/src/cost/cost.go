// Package cost: which round trips are costly (Fact.Costly).
package cost

import (
	"context"
	"database/sql"
	"net/http"
)

type Store struct{ db *sql.DB }

// A lookup by key is I/O, not costly.
func (s *Store) Name(ctx context.Context, id int) (string, error) { // want Name:"^blocks: [^;]*\\(cost.go:15\\); io: [^;]*\\(cost.go:15\\)$"
	var name string
	err := s.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}

// A query that reads a whole table is costly.
func (s *Store) All(ctx context.Context) (*sql.Rows, error) { // want All:"costly: s.db.QueryContext \\(cost.go:21\\)"
	return s.db.QueryContext(ctx, "SELECT id, name FROM users ORDER BY name")
}

// A bounded list is not.
func (s *Store) Page(ctx context.Context) (*sql.Rows, error) { // want Page:"^blocks: s.db.QueryContext \\(cost.go:26\\); io: s.db.QueryContext \\(cost.go:26\\)$"
	return s.db.QueryContext(ctx, "SELECT id, name FROM users ORDER BY name LIMIT 20")
}

// Neither is a query whose text is not constant.
func (s *Store) Any(ctx context.Context, q string) (*sql.Rows, error) { // want Any:"^blocks: s.db.QueryContext \\(cost.go:31\\); io: s.db.QueryContext \\(cost.go:31\\)$"
	return s.db.QueryContext(ctx, q)
}

type API struct{ hc *http.Client }

// An HTTP request is costly, and so is a call of a function that makes one.
func (a *API) Fetch(ctx context.Context, url string) (*http.Response, error) { // want Fetch:"costly: a.hc.Do \\(cost.go:39\\)$"
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	return a.hc.Do(req)
}

func (a *API) FetchTwice(ctx context.Context) error { // want FetchTwice:"costly: a.hc.Do \\(cost.go:39\\) through API.Fetch$"
	_, err := a.Fetch(ctx, "x")
	return err
}
