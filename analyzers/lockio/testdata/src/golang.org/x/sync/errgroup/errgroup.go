// Package errgroup is a stub of golang.org/x/sync/errgroup.
package errgroup

type token struct{}

type Group struct{ sem chan token }

func (g *Group) SetLimit(n int) { g.sem = make(chan token, n) }

func (g *Group) Go(f func() error) {
	if g.sem != nil {
		g.sem <- token{}
	}
	go func() { _ = f(); <-g.sem }()
}

func (g *Group) Wait() error { return nil }
