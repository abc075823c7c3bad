package shop

import (
	"encoding/json"
	"fmt"
	"net/http"
)

type product struct {
	SKU   string
	Price int64
	Stock int
}

// product shows a product page: its price from the pricing service and
// its stock from the warehouse. WRONG: the two requests do not depend on
// each other but run one after the other, so every page waits for the sum
// of the two latencies instead of the longer one (seqio).
func (s *Server) product(w http.ResponseWriter, r *http.Request) {
	p := product{SKU: r.PathValue("sku")}
	priceReq, err := http.NewRequestWithContext(r.Context(), http.MethodGet, s.pricing.base+"/quote?sku="+p.SKU, nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	stockReq, err := http.NewRequestWithContext(r.Context(), http.MethodGet, s.inventory.base+"/stock/"+p.SKU, nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	priceResp, err := s.pricing.http.Do(priceReq)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer priceResp.Body.Close()
	stockResp, err := warehouse.Do(stockReq)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer stockResp.Body.Close()
	if priceResp.StatusCode != http.StatusOK {
		http.Error(w, fmt.Sprintf("pricing: %s", priceResp.Status), http.StatusBadGateway)
		return
	}
	if stockResp.StatusCode != http.StatusOK {
		http.Error(w, fmt.Sprintf("warehouse: %s", stockResp.Status), http.StatusBadGateway)
		return
	}
	var q struct{ Price int64 }
	if err := json.NewDecoder(priceResp.Body).Decode(&q); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	if err := json.NewDecoder(stockResp.Body).Decode(&p.Stock); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	p.Price = q.Price
	_ = json.NewEncoder(w).Encode(p)
}
