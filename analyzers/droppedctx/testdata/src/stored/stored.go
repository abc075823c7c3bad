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

// Future is the handle of a job that Submit started under a context.
type Future struct{ done chan struct{} }

func (f Future) Wait() error {
	<-f.done
	return nil
}

func (f Future) WaitContext(ctx context.Context) error {
	select {
	case <-f.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func Submit(ctx context.Context, job string) Future { return Future{done: make(chan struct{})} }

func SubmitAll(ctx context.Context, jobs []string) []chan struct{} { return nil }

func Lookup(job string) Future { return Future{done: make(chan struct{})} }

// Near miss: the future is the handle of work started with ctx.
func Run(ctx context.Context) error {
	f := Submit(ctx, "a")
	if err := f.Wait(); err != nil {
		return err
	}
	dones := SubmitAll(ctx, []string{"b"})
	return (Future{done: dones[0]}).Wait()
}

// The future's work was not started with ctx.
func RunFound(ctx context.Context) error {
	f := Lookup("a")
	return f.Wait() // want `Future.Wait ignores the context in scope`
}
