package shop

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// pricingClient calls the pricing service through one pooled client.
type pricingClient struct {
	base string
	http *http.Client
}

func newPricingClient(base string) *pricingClient {
	tr := &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}
	return &pricingClient{base: base, http: &http.Client{Transport: tr, Timeout: 5 * time.Second}}
}

// quote asks for a price with the caller's context: correct.
func (p *pricingClient) quote(ctx context.Context, sku string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.base+"/quote?sku="+sku, nil)
	if err != nil {
		return 0, err
	}
	resp, err := p.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("pricing: %s", resp.Status)
	}
	var q struct{ Price int64 }
	err = json.NewDecoder(resp.Body).Decode(&q)
	return q.Price, err
}
