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

// Zones asks the API once and serves later calls from its field: only
// the first call makes the round trip, so its calls are not costly.
type Zones struct {
	api   *API
	zones map[string]string
	byID  map[string]string
	all   *http.Response
}

func (z *Zones) Map(ctx context.Context) (map[string]string, error) { // want Map:"^blocks: [^;]*; io: a.hc.Do \\(cost.go:39\\) through API.Fetch$"
	if z.zones != nil {
		return z.zones, nil
	}
	resp, err := z.api.Fetch(ctx, "zones")
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	z.zones = map[string]string{}
	return z.zones, nil
}

func (z *Zones) Name(ctx context.Context, id string) (string, error) { // want Name:"^blocks: [^;]*; io: a.hc.Do \\(cost.go:39\\) through API.Fetch$"
	if name, ok := z.byID[id]; ok {
		return name, nil
	}
	resp, err := z.api.Fetch(ctx, "zones/"+id)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	z.byID[id] = resp.Status
	return resp.Status, nil
}

// Near miss: a guard on a field that the function never fills is no
// cache: every call that passes it makes the round trip.
func (z *Zones) Refresh(ctx context.Context) (*http.Response, error) { // want Refresh:"costly: a.hc.Do \\(cost.go:39\\) through API.Fetch$"
	if z.all != nil {
		return nil, nil
	}
	return z.api.Fetch(ctx, "zones")
}

// Near miss: filling the field without a guard that returns it fetches
// on every call.
func (z *Zones) Reload(ctx context.Context) error { // want Reload:"costly: a.hc.Do \\(cost.go:39\\) through API.Fetch$"
	resp, err := z.api.Fetch(ctx, "zones")
	if err != nil {
		return err
	}
	z.all = resp
	return nil
}
