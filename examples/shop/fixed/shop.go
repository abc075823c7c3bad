// Package fixed is examples/shop after the fixes that conclint's findings
// and -fix lead to, and nothing else: each fix is marked FIXED where the
// naive version says WRONG. conclint reports nothing here, and both
// versions serve the same responses; examples/loadtest measures what the
// difference costs under load.
package fixed

import (
	"context"
	"database/sql"
	"net"
	"net/http"
	"time"
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

// Serve serves the shop on l. FIXED: ReadHeaderTimeout closes connections
// whose headers do not arrive in time; conclint -fix inserted it (1s here
// through -notimeout.readheadertimeout=1s, 10s by default).
func (s *Server) Serve(l net.Listener) error {
	srv := &http.Server{Handler: s.mux, ReadHeaderTimeout: 1 * time.Second}
	return srv.Serve(l)
}
