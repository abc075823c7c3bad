package fixed

import (
	"context"
	"encoding/json"
	"net/http"
)

func (s *Server) getOrder(w http.ResponseWriter, r *http.Request) {
	o, err := s.store.orderByID(r.Context(), r.PathValue("id"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	s.store.recordView(r.Context(), o.ID)
	// FIXED: the audit write keeps the request's values but not its
	// cancellation, so it completes after getOrder returns.
	go s.audit(context.WithoutCancel(r.Context()), "viewed "+o.ID)
	_ = json.NewEncoder(w).Encode(o)
}

func (s *Server) createOrder(w http.ResponseWriter, r *http.Request) {
	var o order
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	price, err := s.pricing.quote(r.Context(), o.ID)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	o.Total = price
	// FIXED: insert takes the request's context.
	if err := s.store.insert(r.Context(), o); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(o)
}
