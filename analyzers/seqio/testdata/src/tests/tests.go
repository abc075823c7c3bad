package tests

import "context"

type Store interface {
	GetUser(ctx context.Context, id string) (string, error)
}

type Other interface {
	ListOrders(ctx context.Context, id string) ([]string, error)
}
