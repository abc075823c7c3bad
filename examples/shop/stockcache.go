package shop

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// inventory caches stock levels from the warehouse service and queues
// restocking requests for a background worker.
type inventory struct {
	mu      sync.Mutex
	levels  map[string]int
	base    string
	restock chan string // drained by restockWorker
}

func newInventory(base string) *inventory {
	return &inventory{levels: make(map[string]int), base: base, restock: make(chan string)}
}

func (s *Server) stockLevel(w http.ResponseWriter, r *http.Request) {
	n, err := s.inventory.level(r.Context(), r.PathValue("sku"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_ = json.NewEncoder(w).Encode(n)
}

// level returns the stock of sku. WRONG: inv.mu is held across the call
// to the warehouse, so every request for any SKU waits behind the slowest
// warehouse response (lockio).
func (inv *inventory) level(ctx context.Context, sku string) (int, error) {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	if n, ok := inv.levels[sku]; ok {
		return n, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, inv.base+"/stock/"+sku, nil)
	if err != nil {
		return 0, err
	}
	resp, err := warehouse.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var n int
	if err := json.NewDecoder(resp.Body).Decode(&n); err != nil {
		return 0, err
	}
	inv.levels[sku] = n
	return n, nil
}

// requestRestock queues sku for restocking. WRONG: the send waits while
// the worker is busy and ignores the request's context, so the handler
// hangs on after the client has gone (handlerblock).
func (inv *inventory) requestRestock(w http.ResponseWriter, r *http.Request) {
	inv.restock <- r.PathValue("sku")
	w.WriteHeader(http.StatusAccepted)
}

// restockWorker asks the warehouse to restock each queued SKU, one at a
// time, for as long as the process lives.
func (inv *inventory) restockWorker() {
	for sku := range inv.restock {
		if err := inv.restockOne(sku); err != nil {
			fmt.Println("restock", sku+":", err)
		}
	}
}

func (inv *inventory) restockOne(sku string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, inv.base+"/restock/"+sku, nil)
	if err != nil {
		return err
	}
	resp, err := warehouse.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
