// Package pgxpool is a stub of github.com/jackc/pgx/v5/pgxpool.
package pgxpool

import "context"

type Pool struct{}

func New(ctx context.Context, connString string) (*Pool, error) { return nil, nil }

func (*Pool) Close() {}

func (*Pool) Ping(ctx context.Context) error { return nil }
