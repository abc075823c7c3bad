package b

import (
	"context"

	"golang.org/x/sync/errgroup"

	"example.com/svc"
)

func fetch(ctx context.Context, id string) error { return svc.Call(id) }

func fetchAll(ctx context.Context, ids []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, id := range ids {
		g.Go(func() error { return fetch(ctx, id) }) // want `one goroutine per element of ids with no limit`
	}
	return g.Wait()
}

func zeroGroup(ids []string) error {
	var g errgroup.Group
	for _, id := range ids {
		g.Go(func() error { return fetch(context.Background(), id) }) // want `one goroutine per element of ids with no limit`
	}
	return g.Wait()
}

// feed passes the ids of a remote listing: data.
func feed() {
	_ = fetchAll(context.Background(), svc.IDs())
	_ = zeroGroup(svc.IDs())
}
