// Package stored checks calls on values that keep a context of their own.
package stored

import (
	"context"
	"database/sql"
)

// Engine keeps a default context, which its plain methods use.
type Engine struct {
	db  *sql.DB
	ctx context.Context
}

func (e *Engine) SetDefaultContext(ctx context.Context) { e.ctx = ctx }

func (e *Engine) Ping() error { return e.db.PingContext(e.ctx) }

func (e *Engine) PingContext(ctx context.Context) error { return e.db.PingContext(ctx) }

var engine = &Engine{}

func initEngine(ctx context.Context) { engine.SetDefaultContext(ctx) }

func InitWithCheck(ctx context.Context) error {
	initEngine(ctx)
	return engine.Ping() // ok: the engine was set up with ctx, and Ping uses it
}

func CheckOnly(ctx context.Context) error {
	return engine.Ping() // want `Engine.Ping ignores the context in scope`
}

func PingDB(ctx context.Context, db *sql.DB) error {
	initEngine(ctx)
	return db.Ping() // want `DB.Ping ignores the context in scope`
}
