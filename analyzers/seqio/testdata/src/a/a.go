package a

import (
	"context"
	"database/sql"
	"net/http"
	"strings"

	"golang.org/x/sync/errgroup"
)

type User struct {
	ID, Name, TeamID string
}

type Order struct{ ID string }

type Page struct {
	Orders []Order
	Next   string
}

type UserStore interface {
	GetUser(ctx context.Context, id string) (*User, error)
	GetOrCreateUser(ctx context.Context, id string) (*User, error)
}

type OrderStore interface {
	ListOrders(ctx context.Context, userID string) ([]Order, error)
	CountOrders(ctx context.Context, userID string) (int, error)
	ListPage(ctx context.Context, cursor string) (*Page, error)
	CreateOrder(ctx context.Context, userID string) (*Order, error)
}

type PrefStore interface {
	GetPrefs(ctx context.Context, userID string) (map[string]string, error)
}

type Handler struct {
	users  UserStore
	orders OrderStore
	prefs  PrefStore
	db     *sql.DB
	client *http.Client
}

// Two calls on different stores in a handler.
func (h *Handler) Dashboard(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	user, err := h.users.GetUser(r.Context(), id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	orders, err := h.orders.ListOrders(r.Context(), id) // want `h.orders.ListOrders does not depend on h.users.GetUser \(line \d+\); run them concurrently with errgroup to wait for the slower one, not both`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_, _ = user, orders
}

// Near miss: the second call needs the first one's result.
func (h *Handler) UserOrders(w http.ResponseWriter, r *http.Request) {
	user, err := h.users.GetUser(r.Context(), r.URL.Query().Get("id"))
	if err != nil {
		return
	}
	orders, err := h.orders.ListOrders(r.Context(), user.ID)
	_, _ = orders, err
}

// Near miss: the dependency goes through a field of a local struct.
func (h *Handler) TeamOrders(w http.ResponseWriter, r *http.Request) {
	var view struct {
		user   *User
		teamID string
	}
	u, err := h.users.GetUser(r.Context(), r.URL.Query().Get("id"))
	if err != nil {
		return
	}
	view.user = u
	view.teamID = strings.ToLower(u.TeamID)
	orders, err := h.orders.ListOrders(r.Context(), view.teamID)
	_, _ = orders, err
}

// A chain of three, reported once at the last call.
func (h *Handler) Overview(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	user, err := h.users.GetUser(ctx, id)
	if err != nil {
		return
	}
	orders, err := h.orders.ListOrders(ctx, id)
	if err != nil {
		return
	}
	prefs, err := h.prefs.GetPrefs(ctx, id) // want `h.prefs.GetPrefs does not depend on h.users.GetUser \(line \d+\) or h.orders.ListOrders \(line \d+\); run them concurrently with errgroup to wait for the slowest one, not all 3`
	if err != nil {
		return
	}
	_, _, _ = user, orders, prefs
}

// Near miss: a write, then a read; writes keep their order.
func (h *Handler) Checkout(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	order, err := h.orders.CreateOrder(r.Context(), id)
	if err != nil {
		return
	}
	n, err := h.orders.CountOrders(r.Context(), id)
	_, _, _ = order, n, err
	u, err := h.users.GetOrCreateUser(r.Context(), id)
	if err != nil {
		return
	}
	prefs, err := h.prefs.GetPrefs(r.Context(), id) // a write between two reads orders them too
	_, _ = u, prefs
}

// Near miss: a fallback that returns when the first call found something.
func (h *Handler) Find(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	u, err := h.users.GetUser(r.Context(), id)
	if err == nil {
		_, _ = w.Write([]byte(u.Name))
		return
	}
	legacy, err := h.users.GetUser(r.Context(), "legacy-"+id)
	_, _ = legacy, err
}

// Near miss: a fallback on error, in the error branch.
func (h *Handler) FindOnError(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	u, err := h.users.GetUser(r.Context(), id)
	if err != nil {
		u, err = h.users.GetUser(r.Context(), "legacy-"+id)
	}
	_, _ = u, err
}

// Near miss: the calls are in different branches.
func (h *Handler) Branches(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if r.URL.Query().Has("orders") {
		orders, err := h.orders.ListOrders(r.Context(), id)
		_, _ = orders, err
	} else {
		prefs, err := h.prefs.GetPrefs(r.Context(), id)
		_, _ = prefs, err
	}
}

// Near miss: the calls already run in goroutines.
func (h *Handler) Concurrent(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	g, ctx := errgroup.WithContext(r.Context())
	var orders []Order
	var prefs map[string]string
	g.Go(func() (err error) {
		orders, err = h.orders.ListOrders(ctx, id)
		return err
	})
	g.Go(func() (err error) {
		prefs, err = h.prefs.GetPrefs(ctx, id)
		return err
	})
	_ = g.Wait()
	_, _ = orders, prefs
}

// Near miss: each page's cursor comes from the page before.
func (h *Handler) AllPages(w http.ResponseWriter, r *http.Request) {
	cursor := ""
	for i := 0; i < 10; i++ {
		page, err := h.orders.ListPage(r.Context(), cursor)
		if err != nil {
			return
		}
		more, err := h.orders.ListPage(r.Context(), cursor+"/more")
		if err != nil {
			return
		}
		cursor = page.Next + more.Next
	}
}

// Near miss: a local helper that takes a context but does no I/O.
func (h *Handler) Normalized(w http.ResponseWriter, r *http.Request) {
	name, err := getName(r.Context(), r.PathValue("id"))
	if err != nil {
		return
	}
	u, err := h.users.GetUser(r.Context(), r.PathValue("id"))
	_, _, _ = name, u, err
}

func getName(ctx context.Context, id string) (string, error) { return strings.ToUpper(id), nil }
