package d

import (
	"golang.org/x/sync/errgroup"

	"example.com/svc"
)

func process(id string) error { return svc.Call(id) }

func noStdImports(ids []string) error {
	g := &errgroup.Group{}
	for _, id := range ids {
		g.Go(func() error { return process(id) }) // want `one goroutine per element of ids with no limit`
	}
	return g.Wait()
}

func shadowed(ids []string, runtime int) error {
	g := &errgroup.Group{}
	for _, id := range ids {
		g.Go(func() error { return process(id) }) // want `one goroutine per element of ids with no limit`
	}
	return g.Wait()
}

// feed passes the ids of a remote listing: data.
func feed() {
	_ = noStdImports(svc.IDs())
	_ = shadowed(svc.IDs(), 1)
}
