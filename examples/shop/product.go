package shop

import (
	"encoding/json"
	"fmt"
	"net/http"
)

type product struct {
	SKU   string
	Name  string
	Price int64
}

// product shows a product page: its name from the database and its price
// from the pricing service. WRONG: the two reads do not depend on each
// other but run one after the other, so every page waits for the sum of
// the two latencies instead of the longer one (seqio).
func (s *Server) product(w http.ResponseWriter, r *http.Request) {
	p := product{SKU: r.PathValue("sku")}
	err := s.store.db.QueryRowContext(r.Context(), "SELECT name FROM products WHERE sku = $1", p.SKU).Scan(&p.Name)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, s.pricing.base+"/quote?sku="+p.SKU, nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, err := s.pricing.http.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		http.Error(w, fmt.Sprintf("pricing: %s", resp.Status), http.StatusBadGateway)
		return
	}
	var q struct{ Price int64 }
	if err := json.NewDecoder(resp.Body).Decode(&q); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	p.Price = q.Price
	_ = json.NewEncoder(w).Encode(p)
}
