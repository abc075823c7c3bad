package e

import (
	"golang.org/x/sync/errgroup"

	"example.com/svc"
)

func process(id string) error { return svc.Call(id) }

func customLimit(ids []string) error {
	var g errgroup.Group
	for _, id := range ids {
		g.Go(func() error { return process(id) }) // want `one goroutine per element of ids with no limit`
	}
	return g.Wait()
}

// feed passes the ids of a remote listing: data.
func feed() {
	_ = customLimit(svc.IDs())
}
