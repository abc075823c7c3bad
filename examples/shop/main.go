// Command shop is a small order service used to demonstrate conclint.
// It contains, on purpose, the mistakes conclint reports; each is marked
// with a comment saying what is wrong.
package main

import (
	"database/sql"
	"log"
	"net/http"
	"time"
)

func main() {
	db, err := sql.Open("postgres", "postgres://localhost/shop")
	if err != nil {
		log.Fatal(err)
	}
	s := &server{
		store:   &store{db: db},
		pricing: newPricingClient("http://pricing.internal"),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /orders/{id}", s.getOrder)
	mux.HandleFunc("POST /orders", s.createOrder)
	s.inventoryRoutes(mux)
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
