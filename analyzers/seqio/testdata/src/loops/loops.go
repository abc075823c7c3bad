package loops

import (
	"context"
	"net/http"
)

type User struct{ ID, Name string }

type Users interface {
	GetUser(ctx context.Context, id string) (*User, error)
	UpdateUser(ctx context.Context, u *User) (*User, error)
	ListFrom(ctx context.Context, cursor string) ([]User, string, error)
}

type Handler struct{ users Users }

// One read per element, each result at its index.
func (h *Handler) Names(w http.ResponseWriter, r *http.Request) {
	ids := r.URL.Query()["id"]
	users := make([]*User, len(ids))
	for i, id := range ids {
		u, err := h.users.GetUser(r.Context(), id) // want `one h.users.GetUser round trip per element of ids, one after another; fetch them concurrently with a bounded errgroup, or in one batched call`
		if err != nil {
			return
		}
		users[i] = u
	}
}

// One read per element, straight into a map at its key.
func (h *Handler) ByID(w http.ResponseWriter, r *http.Request) {
	byID := make(map[string]*User)
	var err error
	for _, id := range r.URL.Query()["id"] {
		byID[id], err = h.users.GetUser(r.Context(), id) // want `one h.users.GetUser round trip per element of r.URL.Query\(\)\["id"\]`
		if err != nil {
			return
		}
	}
}

// Near miss: results appended in order.
func (h *Handler) Appended(w http.ResponseWriter, r *http.Request) {
	var users []*User
	for _, id := range r.URL.Query()["id"] {
		u, err := h.users.GetUser(r.Context(), id)
		if err != nil {
			return
		}
		users = append(users, u)
	}
}

// Near miss: a search that stops at the first hit.
func (h *Handler) First(w http.ResponseWriter, r *http.Request) {
	found := make([]*User, 1)
	for i, id := range r.URL.Query()["id"] {
		u, err := h.users.GetUser(r.Context(), id)
		if err == nil && u.Name != "" {
			found[i] = u
			break
		}
	}
}

// Near miss: each iteration reads the cursor the one before returned.
func (h *Handler) Pages(w http.ResponseWriter, r *http.Request) {
	cursor := ""
	pages := make([][]User, 3)
	for i := range pages {
		page, next, err := h.users.ListFrom(r.Context(), cursor)
		if err != nil {
			return
		}
		pages[i] = page
		cursor = next
	}
}

// Near miss: writes keep their order.
func (h *Handler) Rename(w http.ResponseWriter, r *http.Request, users []*User) {
	out := make([]*User, len(users))
	for i, u := range users {
		v, err := h.users.UpdateUser(r.Context(), u)
		if err != nil {
			return
		}
		out[i] = v
	}
}
