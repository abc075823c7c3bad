// Package shop is a small order service used to demonstrate conclint. It
// contains, on purpose, the mistakes conclint reports; each is marked with
// a comment saying what is wrong. Package fixed, in the directory below, is
// the same service after the fixes conclint's findings lead to, and
// examples/loadtest measures what the difference costs under load.
package shop

import (
	"context"
	"database/sql"
	"net"
	"net/http"
)

// Config names the backends the shop talks to.
type Config struct {
	DB           *sql.DB
	PricingURL   string                                  // base URL of the pricing service
	WarehouseURL string                                  // base URL of the warehouse service
	Audit        func(ctx context.Context, event string) // writes one audit event
}

// Server serves the shop's HTTP API.
type Server struct {
	mux       *http.ServeMux
	store     *store
	pricing   *pricingClient
	inventory *inventory
	audit     func(ctx context.Context, event string)
}

// New returns the shop and starts its restocking worker.
func New(cfg Config) *Server {
	s := &Server{
		mux:       http.NewServeMux(),
		store:     &store{db: cfg.DB},
		pricing:   newPricingClient(cfg.PricingURL),
		inventory: newInventory(cfg.WarehouseURL),
		audit:     cfg.Audit,
	}
	s.mux.HandleFunc("GET /orders/{id}", s.getOrder)
	s.mux.HandleFunc("POST /orders", s.createOrder)
	s.mux.HandleFunc("GET /products/{sku}", s.product)
	s.mux.HandleFunc("GET /reprice", s.reprice)
	s.inventoryRoutes(s.mux)
	go s.inventory.restockWorker()
	return s
}

// Handler returns the shop's routes.
func (s *Server) Handler() http.Handler { return s.mux }

// Serve serves the shop on l. WRONG: the server sets no ReadHeaderTimeout,
// so a client that sends its headers slowly holds a connection and a
// goroutine for as long as it likes (notimeout).
func (s *Server) Serve(l net.Listener) error {
	srv := &http.Server{Handler: s.mux}
	return srv.Serve(l)
}
