package unboundedgo

import "github.com/conclint/conclint/internal/rule"

// ruleFanout is the rule ID unboundedgo reports under (Diagnostic.Category).
const ruleFanout = "unboundedgo/fanout"

// Rules documents unboundedgo's rule; it is its one source (README,
// docs/rules.md, -explain and SARIF are generated from it).
func Rules() []rule.Rule {
	return []rule.Rule{{
		ID:    ruleFanout,
		Title: "one goroutine per item of unbounded input, with nothing limiting how many run",
		Why:   "The input, not the code, decides how many goroutines run at once: under load the service runs out of memory, file descriptors or downstream connections.",
		Bad: `g, ctx := errgroup.WithContext(r.Context())
for _, id := range req.IDs {
	g.Go(func() error { return s.index(ctx, id) })
}`,
		Good: `g, ctx := errgroup.WithContext(r.Context())
g.SetLimit(runtime.GOMAXPROCS(0))
for _, id := range req.IDs {
	g.Go(func() error { return s.index(ctx, id) })
}`,
		NotReported: []string{
			"goroutines that do no network, database or process work and start no more goroutines",
			"loops under a limit: errgroup.SetLimit, a semaphore acquired before the go statement, a worker pool",
			"loops over collections with no evidence that data sizes them (a request, a query, a remote listing, a queue), or named or typed as a cluster's parts or a configuration (nodes, peers, shards, cfg)",
		},
		Options: []string{"limit"},
		Since:   rule.FirstRelease,
	}}
}
