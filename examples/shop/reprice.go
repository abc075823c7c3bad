package shop

import (
	"encoding/json"
	"net/http"
	"sync"
)

// reprice quotes a fresh price for every order listed as ?id=… and returns
// them in the same order.
func (s *Server) reprice(w http.ResponseWriter, r *http.Request) {
	ids := r.URL.Query()["id"]
	prices := make([]int64, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		// WRONG: one goroutine, and one call to the pricing service, per id
		// in the query with no limit: a request listing ten thousand ids
		// starts ten thousand goroutines at once (unboundedgo).
		wg.Go(func() {
			prices[i], _ = s.pricing.quote(r.Context(), id)
		})
	}
	wg.Wait()
	_ = json.NewEncoder(w).Encode(prices)
}
