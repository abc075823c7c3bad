package main

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
)

// inventory caches stock levels from the warehouse service and queues
// restocking requests for a background worker.
type inventory struct {
	mu      sync.Mutex
	levels  map[string]int
	base    string
	client  *http.Client
	restock chan string // drained by the restocking worker
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
	resp, err := inv.client.Do(req)
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
