// Package remotechain is checked with -seqio.chain: a pair of costly
// round trips is reported once, by seqio/remote; a lopsided pair by
// seqio/chain, whose message names no cost.
package remotechain

import (
	"database/sql"
	"net/http"
)

type Handler struct {
	db        *sql.DB
	pricing   *http.Client
	warehouse *http.Client
}

func (h *Handler) Product(w http.ResponseWriter, r *http.Request) {
	sku := r.PathValue("sku")
	var name string
	if err := h.db.QueryRowContext(r.Context(), "SELECT name FROM products WHERE sku = $1", sku).Scan(&name); err != nil {
		return
	}
	price, err := h.pricing.Get("http://pricing/quote?sku=" + sku)
	if err != nil {
		return
	}
	defer price.Body.Close()
	stock, err := h.warehouse.Get("http://warehouse/stock/" + sku) // want `^h.warehouse.Get does not depend on h.pricing.Get \(line \d+\), and each is a remote request; run them`
	if err != nil {
		return
	}
	defer stock.Body.Close()
}

func (h *Handler) ProductName(w http.ResponseWriter, r *http.Request) {
	sku := r.PathValue("sku")
	var name string
	if err := h.db.QueryRowContext(r.Context(), "SELECT name FROM products WHERE sku = $1", sku).Scan(&name); err != nil {
		return
	}
	price, err := h.pricing.Get("http://pricing/quote?sku=" + sku) // want `^h.pricing.Get does not depend on h.db.QueryRowContext \(line \d+\); run them concurrently`
	if err != nil {
		return
	}
	defer price.Body.Close()
}
