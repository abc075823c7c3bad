package fixed

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

	reserveClient *http.Client // sends reservations with a tighter header timeout
}

func newInventory(base string) *inventory {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = 2 * time.Second
	tr.MaxIdleConnsPerHost = 64
	return &inventory{
		levels: make(map[string]int), base: base, restock: make(chan string),
		reserveClient: &http.Client{Transport: tr, Timeout: 5 * time.Second},
	}
}

func (s *Server) stockLevel(w http.ResponseWriter, r *http.Request) {
	n, err := s.inventory.level(r.Context(), r.PathValue("sku"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_ = json.NewEncoder(w).Encode(n)
}

// level returns the stock of sku. FIXED: inv.mu guards the map only and
// is free during the call to the warehouse; two requests that miss the
// same SKU at once both ask the warehouse, which is harmless.
func (inv *inventory) level(ctx context.Context, sku string) (int, error) {
	inv.mu.Lock()
	n, ok := inv.levels[sku]
	inv.mu.Unlock()
	if ok {
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
	if err := json.NewDecoder(resp.Body).Decode(&n); err != nil {
		return 0, err
	}
	inv.mu.Lock()
	inv.levels[sku] = n
	inv.mu.Unlock()
	return n, nil
}

// requestRestock queues sku for restocking. FIXED: the send gives up when
// the client does, so nobody waits for the worker on behalf of a client
// that has gone.
func (inv *inventory) requestRestock(w http.ResponseWriter, r *http.Request) {
	select {
	case inv.restock <- r.PathValue("sku"):
		w.WriteHeader(http.StatusAccepted)
	case <-r.Context().Done():
		http.Error(w, r.Context().Err().Error(), http.StatusServiceUnavailable)
	}
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
