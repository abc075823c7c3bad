package shop

import (
	"io"
	"net/http"
	"time"
)

// warehouse is the client of the warehouse service. WRONG: it has no
// Timeout and stock sends without a deadline, so a stuck warehouse hangs
// every stock page for as long as it stays stuck (notimeout).
var warehouse = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

func (s *Server) inventoryRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /stock/{sku}", s.stock)
	mux.HandleFunc("GET /stock/{sku}/level", s.stockLevel)
	mux.HandleFunc("POST /stock/{sku}/reserve", s.reserve)
	mux.HandleFunc("POST /stock/{sku}/restock", s.inventory.requestRestock)
}

// stock proxies the warehouse's stock record for a SKU.
func (s *Server) stock(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, s.inventory.base+"/stock/"+r.PathValue("sku"), nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, err := warehouse.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, resp.Body)
}

// reserve holds stock for an order. WRONG: it clones a Transport on every
// request to tighten the header timeout, so every reservation dials a new
// TLS connection and the idle ones leak (poolperrequest).
func (s *Server) reserve(w http.ResponseWriter, r *http.Request) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = 2 * time.Second
	tr.MaxIdleConnsPerHost = 64
	c := &http.Client{Transport: tr, Timeout: 5 * time.Second}
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, s.inventory.base+"/reserve/"+r.PathValue("sku"), nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, err := c.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}
