package remote

import (
	"context"
	"net/http"
)

// Two queries that read whole tables.
func (h *Handler) Totals(w http.ResponseWriter, r *http.Request) {
	var blobs, unreferenced int64
	if err := h.db.QueryRowContext(r.Context(), "SELECT sum(size) FROM package_blob").Scan(&blobs); err != nil {
		return
	}
	if err := h.db.QueryRowContext(r.Context(), "SELECT sum(b.size) FROM package_blob b LEFT JOIN package_file f ON f.blob_id = b.id").Scan(&unreferenced); err != nil { // want `h.db.QueryRowContext does not depend on h.db.QueryRowContext \(line \d+\), and each is a query that reads a whole table`
		return
	}
}

// Near miss: a count by an indexed key and a page of a list are cheap.
func (h *Handler) Notifications(w http.ResponseWriter, r *http.Request) {
	user := r.PathValue("user")
	var n int
	if err := h.db.QueryRowContext(r.Context(), "SELECT count(*) FROM notification WHERE user_id = $1", user).Scan(&n); err != nil {
		return
	}
	rows, err := h.db.QueryContext(r.Context(), "SELECT id FROM notification WHERE user_id = $1 ORDER BY id DESC LIMIT 20", user)
	if err != nil {
		return
	}
	defer rows.Close()
}

// A request and a whole-table query.
func (h *Handler) Report(ctx context.Context) error {
	resp, err := h.api.get(ctx, "/rates")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	rows, err := h.db.QueryContext(ctx, "SELECT sku, price FROM products ORDER BY sku") // want `h.db.QueryContext does not depend on h.api.get \(line \d+\), and each is a remote request or a query that reads a whole table`
	if err != nil {
		return err
	}
	return rows.Close()
}

type Repo struct {
	ID      int64
	OwnerID int64
	Owner   *User
}

type User struct{ ID int64 }

// LoadOwner fills r.Owner the first time it is asked for.
func (r *Repo) LoadOwner(ctx context.Context) error { return nil }

// Near miss: both helpers are given repo, whose LoadOwner either may call:
// run together, they would race on repo.Owner.
func (h *Handler) Reviewers(ctx context.Context, repo *Repo) error {
	a, err := h.reviewers(ctx, repo)
	if err != nil {
		return err
	}
	b, err := h.reviewerTeams(ctx, repo)
	if err != nil {
		return err
	}
	_, _ = a, b
	return nil
}

func (h *Handler) reviewers(ctx context.Context, repo *Repo) ([]int64, error) {
	if err := repo.LoadOwner(ctx); err != nil {
		return nil, err
	}
	resp, err := h.api.get(ctx, "/reviewers")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return nil, nil
}

func (h *Handler) reviewerTeams(ctx context.Context, repo *Repo) ([]int64, error) {
	if err := repo.LoadOwner(ctx); err != nil {
		return nil, err
	}
	resp, err := h.api.get(ctx, "/teams")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return nil, nil
}
