package verbs

import (
	"context"
	"net/http"
)

type Store interface {
	FetchUser(ctx context.Context, id string) (string, error)
}

type Other interface {
	ListOrders(ctx context.Context, id string) ([]string, error)
}

type Handler struct {
	users  Store
	orders Other
}

// Fetch is a read verb by default; -seqio.writes=fetch makes it a write.
func (h *Handler) Page(w http.ResponseWriter, r *http.Request) {
	u, err := h.users.FetchUser(r.Context(), "1")
	if err != nil {
		return
	}
	o, err := h.orders.ListOrders(r.Context(), "1") // want `h.orders.ListOrders does not depend on h.users.FetchUser`
	_, _ = u, o
}
