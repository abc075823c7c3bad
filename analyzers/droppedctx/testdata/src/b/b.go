// Package b defines helpers that drop a context they were never given.
package b

import (
	"context"
	"database/sql"
)

type Store struct{ db *sql.DB }

func Lookup(db *sql.DB, id int) error { // want Lookup:`drops context: calls context.Background \(b.go:12\)`
	return db.QueryRowContext(context.Background(), "SELECT 1 WHERE id = $1", id).Err()
}

func (s *Store) Count() int { // want Count:`drops context: calls DB.QueryRow \(b.go:17\)`
	var n int
	_ = s.db.QueryRow("SELECT count(*) FROM t").Scan(&n)
	return n
}

func Refresh(s *Store) int { // want Refresh:`drops context: calls DB.QueryRow \(b.go:17\) through Store.Count`
	return s.Count()
}

func Get[T any](db *sql.DB, v T) T { // want Get:`drops context: calls context.Background \(b.go:12\) through b.Lookup`
	_ = Lookup(db, 1)
	return v
}

// Near misses: no fact.

func NewStore(db *sql.DB) *Store {
	return &Store{db: db}
}

func Start(db *sql.DB) context.CancelFunc {
	ctx, cancel := context.WithCancel(context.Background()) // root returned through cancel's owner: escapes
	go func() { _ = db.PingContext(ctx) }()
	return cancel
}

func WithContext(ctx context.Context, db *sql.DB) error {
	return db.PingContext(ctx)
}

type Client struct{ db *sql.DB }

func NewClient(db *sql.DB) *Client { // ok: a constructor's work belongs to the value it builds
	_ = db.Ping()
	return &Client{db: db}
}

// Retry has a context-taking sibling, RetryContext, whose operation takes
// the context too: callers are told to call it.
func Retry(op func() error) error { // want Retry:`drops context: calls context.Background \(b.go:56\)`
	return RetryContext(context.Background(), func(context.Context) error { return op() })
}

func RetryContext(ctx context.Context, op func(context.Context) error) error {
	if err := op(ctx); err != nil {
		<-ctx.Done() // waits for the caller to give up
		return err
	}
	return nil
}

// Stream is a reader whose Close cancels the work behind it.
type Stream struct{ close func() error }

func OpenStream(db *sql.DB) (*Stream, error) {
	ctx, cancel := context.WithCancel(context.Background()) // owned by the stream's Close: escapes
	if err := db.PingContext(ctx); err != nil {
		cancel()
		return nil, err
	}
	return &Stream{close: func() error { cancel(); return nil }}, nil
}

func PingOnce(db *sql.DB) error { // want PingOnce:`drops context: calls context.Background \(b.go:80\)`
	ctx, cancel := context.WithCancel(context.Background())
	defer func() { cancel() }()
	return db.PingContext(ctx)
}

// Check pings the database within ctx.
func Check(ctx context.Context, db *sql.DB) error { return db.PingContext(ctx) }

// Proc keeps the connection its stdin is written on.
type Proc struct{ stdin *sql.Conn }

// OpenStdin opens the connection its stdin is written on.
func (p *Proc) OpenStdin(db *sql.DB) error {
	conn, err := db.Conn(context.Background())
	if err != nil {
		return err
	}
	p.stdin = conn
	return nil
}

func (p *Proc) CheckStdin(db *sql.DB) error { // want CheckStdin:`drops context: calls context.Background`
	conn, err := db.Conn(context.Background())
	if err != nil {
		return err
	}
	return conn.Close()
}

// Retrying calls itself through the variable that holds it, and captures
// cancel: following the closure must end.
func Retrying(db *sql.DB) error { // want Retrying:`drops context: calls context.Background`
	ctx, cancel := context.WithCancel(context.Background())
	var retry func(n int) error
	retry = func(n int) error {
		if err := db.PingContext(ctx); err != nil && n > 0 {
			return retry(n - 1)
		}
		cancel()
		return nil
	}
	return retry(3)
}
