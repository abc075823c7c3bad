// Package settings reads settings from a context; it exports facts for
// its other functions, so its table says ConfigOf does nothing.
package settings

import (
	"context"
	"database/sql"
)

// ConfigOf reads a setting from the context: it waits on nothing.
func ConfigOf(ctx context.Context) int {
	if v, ok := ctx.Value(configKey{}).(int); ok {
		return v
	}
	return 0
}

type configKey struct{}

// Load reads the settings from the database.
func Load(ctx context.Context, db *sql.DB) error { return db.PingContext(ctx) }

// Repo runs its commands with the context Open was given.
type Repo struct {
	Ctx  context.Context
	path string
}

// Open keeps ctx in the Repo it returns: nothing waits yet, but the Repo's
// commands will.
func Open(ctx context.Context, path string) (*Repo, error) { return &Repo{Ctx: ctx, path: path}, nil }

// Count runs a command with the Repo's context.
func (r *Repo) Count(db *sql.DB) error { return db.PingContext(r.Ctx) }
