package a

import (
	"context"
	"database/sql"
	"net/http"
)

// Two QueryRowContext calls on one *sql.DB, which is safe for concurrent use.
func (h *Handler) Stats(w http.ResponseWriter, r *http.Request) {
	var users, orders int
	if err := h.db.QueryRowContext(r.Context(), "SELECT count(*) FROM users").Scan(&users); err != nil {
		return
	}
	if err := h.db.QueryRowContext(r.Context(), "SELECT count(*) FROM orders").Scan(&orders); err != nil { // want `h.db.QueryRowContext does not depend on h.db.QueryRowContext \(line \d+\)`
		return
	}
}

// Near miss: the second query reads what the first one scanned.
func (h *Handler) StatsOfTeam(w http.ResponseWriter, r *http.Request) {
	var team string
	var n int
	if err := h.db.QueryRowContext(r.Context(), "SELECT team FROM users WHERE id = $1", r.PathValue("id")).Scan(&team); err != nil {
		return
	}
	if err := h.db.QueryRowContext(r.Context(), "SELECT count(*) FROM users WHERE team = $1", team).Scan(&n); err != nil {
		return
	}
}

// Near miss: a write, then a read.
func (h *Handler) Insert(w http.ResponseWriter, r *http.Request) {
	var id, n int
	if err := h.db.QueryRowContext(r.Context(), "INSERT INTO users (name) VALUES ($1) RETURNING id", r.PathValue("name")).Scan(&id); err != nil {
		return
	}
	if err := h.db.QueryRowContext(r.Context(), "SELECT count(*) FROM users").Scan(&n); err != nil {
		return
	}
	if err := h.db.QueryRowContext(r.Context(), "SELECT count(*) FROM orders FOR UPDATE").Scan(&n); err != nil {
		return
	}
}

// Near miss: calls on one *sql.Conn, one connection used by one goroutine.
func (h *Handler) OnConn(w http.ResponseWriter, r *http.Request) {
	conn, err := h.db.Conn(r.Context())
	if err != nil {
		return
	}
	defer conn.Close()
	var users, orders int
	if err := conn.QueryRowContext(r.Context(), "SELECT count(*) FROM users").Scan(&users); err != nil {
		return
	}
	if err := conn.QueryRowContext(r.Context(), "SELECT count(*) FROM orders").Scan(&orders); err != nil {
		return
	}
}

// Near miss: statements of one transaction.
func (h *Handler) InTx(w http.ResponseWriter, r *http.Request) {
	tx, err := h.db.BeginTx(r.Context(), nil)
	if err != nil {
		return
	}
	defer tx.Rollback()
	var users, orders int
	if err := tx.QueryRowContext(r.Context(), "SELECT count(*) FROM users").Scan(&users); err != nil {
		return
	}
	if err := tx.QueryRowContext(r.Context(), "SELECT count(*) FROM orders").Scan(&orders); err != nil {
		return
	}
}

// withTx runs fn in a transaction it carries in the context.
func withTx(ctx context.Context, db *sql.DB, fn func(ctx context.Context) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(context.WithValue(ctx, txKey{}, tx)); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

type txKey struct{}

// txContext starts a transaction and returns a context that carries it.
func txContext(ctx context.Context, db *sql.DB) (context.Context, error) {
	tx, err := db.BeginTx(ctx, nil)
	return context.WithValue(ctx, txKey{}, tx), err
}

// Near miss: statements of one transaction carried in the context.
func (h *Handler) InCtxTx(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	_ = withTx(r.Context(), h.db, func(ctx context.Context) error {
		u, err := h.users.GetUser(ctx, id)
		if err != nil {
			return err
		}
		orders, err := h.orders.ListOrders(ctx, id)
		_, _ = u, orders
		return err
	})
	ctx, err := txContext(r.Context(), h.db)
	if err != nil {
		return
	}
	u, err := h.users.GetUser(ctx, id)
	if err != nil {
		return
	}
	orders, err := h.orders.ListOrders(ctx, id)
	_, _ = u, orders
}

// Two GET requests on one *http.Client.
func (h *Handler) Profile(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://profiles/"+r.PathValue("id"), nil)
	if err != nil {
		return
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	req2, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://avatars/"+r.PathValue("id"), nil)
	if err != nil {
		return
	}
	resp2, err := h.client.Do(req2) // want `h.client.Do does not depend on h.client.Do \(line \d+\)`
	if err != nil {
		return
	}
	defer resp2.Body.Close()
}

// Near miss: a POST, then a GET of what it made.
func (h *Handler) Upload(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, "http://files/", r.Body)
	if err != nil {
		return
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	req2, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://files/list", nil)
	if err != nil {
		return
	}
	resp2, err := h.client.Do(req2)
	if err != nil {
		return
	}
	defer resp2.Body.Close()
}

// Near miss: the second request's URL comes from the first response.
func (h *Handler) Follow(w http.ResponseWriter, r *http.Request) {
	resp, err := h.client.Get("http://index/" + r.PathValue("id"))
	if err != nil {
		return
	}
	resp.Body.Close()
	next, err := h.client.Get(resp.Header.Get("Location"))
	if err != nil {
		return
	}
	next.Body.Close()
}
