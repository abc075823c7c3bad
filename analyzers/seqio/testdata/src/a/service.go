package a

import (
	"context"
	"database/sql"
	"net/http"
)

type Service struct {
	users  UserStore
	orders OrderStore
	store  Store
}

type Store interface {
	GetUser(ctx context.Context, id string) (*User, error)
	CountOrders(ctx context.Context, userID string) (int, error)
}

type Summary struct {
	User   *User
	Orders int
}

// Calls through interfaces, on different stores.
func (s *Service) Summary(ctx context.Context, id string) (*Summary, error) {
	u, err := s.users.GetUser(ctx, id)
	if err != nil {
		return nil, err
	}
	n, err := s.orders.CountOrders(ctx, id) // want `s.orders.CountOrders does not depend on s.users.GetUser \(line \d+\)`
	if err != nil {
		return nil, err
	}
	return &Summary{User: u, Orders: n}, nil
}

// Near miss: one store of unknown kind, outside a handler: it may be a
// session that serves one goroutine.
func (s *Service) SummaryOneStore(ctx context.Context, id string) (*Summary, error) {
	u, err := s.store.GetUser(ctx, id)
	if err != nil {
		return nil, err
	}
	n, err := s.store.CountOrders(ctx, id)
	if err != nil {
		return nil, err
	}
	return &Summary{User: u, Orders: n}, nil
}

type view struct {
	db     *sql.DB
	orders OrderStore
	userID string
}

// getUser loads the user into v as well as returning its name.
func (v *view) getUser(ctx context.Context, id string) (string, error) {
	var name string
	err := v.db.QueryRowContext(ctx, "SELECT name, id FROM users WHERE id = $1", id).Scan(&name, &v.userID)
	return name, err
}

// Near miss: the first call fills a field of the receiver that the second reads.
func (v *view) Show(ctx context.Context, id string) {
	name, err := v.getUser(ctx, id)
	if err != nil {
		return
	}
	orders, err := v.orders.ListOrders(ctx, v.userID)
	_, _ = name, orders
}

var db *sql.DB

// GetUserByID and CountUserOrders are package functions, as model packages
// write them.
func GetUserByID(ctx context.Context, id string) (string, error) {
	var name string
	err := db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}

func CountUserOrders(ctx context.Context, id string) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM orders WHERE user_id = $1", id).Scan(&n)
	return n, err
}

// Package functions under a handler's request context.
func UserPage(w http.ResponseWriter, r *http.Request) {
	name, err := GetUserByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return
	}
	n, err := CountUserOrders(r.Context(), r.PathValue("id")) // want `CountUserOrders does not depend on GetUserByID`
	_, _ = name, n
}

// Near miss: package functions under a context a caller may have put a
// transaction in.
func userStats(ctx context.Context, id string) (string, int, error) {
	name, err := GetUserByID(ctx, id)
	if err != nil {
		return "", 0, err
	}
	n, err := CountUserOrders(ctx, id)
	return name, n, err
}

// WebContext is a framework's request context: it holds the request.
type WebContext struct {
	*Base
}

type Base struct {
	context.Context
	Req *http.Request
}

// Package functions under a framework's request context.
func UserPageWeb(ctx *WebContext) {
	name, err := GetUserByID(ctx, ctx.Req.PathValue("id"))
	if err != nil {
		return
	}
	n, err := CountUserOrders(ctx, ctx.Req.PathValue("id")) // want `CountUserOrders does not depend on GetUserByID`
	_, _ = name, n
}

// insertNote writes through an interface the I/O facts cannot follow.
func insertNote(ctx context.Context, s Store, note *Note) error {
	_, err := s.GetUser(ctx, note.UserID)
	note.ID = "7"
	return err
}

type Note struct{ ID, UserID string }

// Near miss: a write the facts do not see as I/O, between two reads,
// orders them: the second reads what the write made.
func NotePage(w http.ResponseWriter, r *http.Request) {
	name, err := GetUserByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return
	}
	note := &Note{UserID: r.PathValue("id")}
	if err := insertNote(r.Context(), nil, note); err != nil {
		return
	}
	n, err := CountUserOrders(r.Context(), "by-note")
	_, _ = name, n
}

// A helper of a handler type: concurrent requests share h.orders already.
func (h *Handler) orderStats(ctx context.Context, id string) (int, int, error) {
	list, err := h.orders.ListOrders(ctx, id)
	if err != nil {
		return 0, 0, err
	}
	n, err := h.orders.CountOrders(ctx, id) // want `h.orders.CountOrders does not depend on h.orders.ListOrders \(line \d+\)`
	if err != nil {
		return 0, 0, err
	}
	return len(list), n, nil
}
