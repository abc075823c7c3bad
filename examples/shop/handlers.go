package shop

import (
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
	// WRONG: the goroutine uses the request context, which is canceled as
	// soon as getOrder returns, so the audit write dies half-done.
	go s.audit(r.Context(), "viewed "+o.ID)
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
	// WRONG: insert takes no context and drops the request's.
	if err := s.store.insert(o); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(o)
}
