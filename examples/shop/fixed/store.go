package fixed

import (
	"context"
	"database/sql"
)

// store keeps orders and products in a SQL database.
type store struct {
	db *sql.DB
}

type order struct {
	ID    string
	Total int64
}

// orderByID reads one order with the caller's context: correct.
func (s *store) orderByID(ctx context.Context, id string) (order, error) {
	var o order
	err := s.db.QueryRowContext(ctx, "SELECT id, total FROM orders WHERE id = $1", id).Scan(&o.ID, &o.Total)
	return o, err
}

// insert writes an order. FIXED: it takes the caller's context and calls
// ExecContext.
func (s *store) insert(ctx context.Context, o order) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO orders (id, total) VALUES ($1, $2)", o.ID, o.Total)
	return err
}

// recordView counts a view. FIXED: it runs on the caller's context
// (droppedctx's fix).
func (s *store) recordView(ctx context.Context, id string) {
	_, _ = s.db.ExecContext(ctx, "UPDATE orders SET views = views + 1 WHERE id = $1", id)
}
