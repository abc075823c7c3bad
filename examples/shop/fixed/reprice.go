package fixed

import (
	"encoding/json"
	"net/http"

	"golang.org/x/sync/errgroup"
)

// reprice quotes a fresh price for every order listed as ?id=… and returns
// them in the same order.
func (s *Server) reprice(w http.ResponseWriter, r *http.Request) {
	ids := r.URL.Query()["id"]
	prices := make([]int64, len(ids))
	// FIXED: at most 8 calls at a time per request, however many ids the
	// query lists.
	var g errgroup.Group
	g.SetLimit(8)
	for i, id := range ids {
		g.Go(func() error {
			prices[i], _ = s.pricing.quote(r.Context(), id)
			return nil
		})
	}
	_ = g.Wait()
	_ = json.NewEncoder(w).Encode(prices)
}
