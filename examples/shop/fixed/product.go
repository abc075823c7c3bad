package fixed

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"golang.org/x/sync/errgroup"
)

type product struct {
	SKU   string
	Price int64
	Stock int
}

// product shows a product page: its price from the pricing service and
// its stock from the warehouse. FIXED: the two requests run at the same
// time, so the page waits for the longer one; the first failure cancels
// the other.
func (s *Server) product(w http.ResponseWriter, r *http.Request) {
	p := product{SKU: r.PathValue("sku")}
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() error {
		price, err := s.pricing.quote(ctx, p.SKU)
		if err != nil {
			return statusError{err, http.StatusBadGateway}
		}
		p.Price = price
		return nil
	})
	g.Go(func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.inventory.base+"/stock/"+p.SKU, nil)
		if err != nil {
			return statusError{err, http.StatusBadRequest}
		}
		resp, err := warehouse.Do(req)
		if err != nil {
			return statusError{err, http.StatusBadGateway}
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return statusError{fmt.Errorf("warehouse: %s", resp.Status), http.StatusBadGateway}
		}
		if err := json.NewDecoder(resp.Body).Decode(&p.Stock); err != nil {
			return statusError{err, http.StatusBadGateway}
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		var se statusError
		errors.As(err, &se)
		http.Error(w, se.Error(), se.status)
		return
	}
	_ = json.NewEncoder(w).Encode(p)
}

// statusError is an error and the HTTP status it answers with.
type statusError struct {
	error
	status int
}
