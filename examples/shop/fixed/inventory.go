package fixed

import (
	"io"
	"net/http"
	"time"
)

// warehouse is the client of the warehouse service. FIXED: its Timeout
// bounds every call, so a stuck warehouse costs a stock page half a second
// and an error instead of a hang.
var warehouse = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 500 * time.Millisecond}

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

// reserve holds stock for an order. FIXED: it sends through the client
// that newInventory built once, so reservations share its connections.
func (s *Server) reserve(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, s.inventory.base+"/reserve/"+r.PathValue("sku"), nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, err := s.inventory.reserveClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}
