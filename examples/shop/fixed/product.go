package fixed

import (
	"encoding/json"
	"errors"
	"net/http"

	"golang.org/x/sync/errgroup"
)

type product struct {
	SKU   string
	Name  string
	Price int64
}

// product shows a product page: its name from the database and its price
// from the pricing service. FIXED: the two reads run at the same time, so
// the page waits for the longer one; the first failure cancels the other.
func (s *Server) product(w http.ResponseWriter, r *http.Request) {
	p := product{SKU: r.PathValue("sku")}
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() error {
		err := s.store.db.QueryRowContext(ctx, "SELECT name FROM products WHERE sku = $1", p.SKU).Scan(&p.Name)
		if err != nil {
			return statusError{err, http.StatusNotFound}
		}
		return nil
	})
	g.Go(func() error {
		price, err := s.pricing.quote(ctx, p.SKU)
		if err != nil {
			return statusError{err, http.StatusBadGateway}
		}
		p.Price = price
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
