package unboundedgo

import "github.com/conclint/conclint/internal/rule"

// The rule IDs unboundedgo reports under (Diagnostic.Category).
const (
	ruleFanout = "unboundedgo/fanout"
	ruleData   = "unboundedgo/data"
)

// Rules documents unboundedgo's rules; they are their one source (README,
// docs/rules.md, -explain and SARIF are generated from it).
func Rules() []rule.Rule {
	return []rule.Rule{{
		ID:    ruleFanout,
		Title: "one goroutine per item of a request, a queue or a stream, with nothing limiting how many run",
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
			"loops over collections with no evidence that a request, a queue or a stream sizes them, or named or typed as a cluster's parts or a configuration (nodes, peers, shards, cfg)",
			"collections a round trip returns (a remote listing, a query's rows, even one keyed by the request's values), unless -unboundedgo.data is set (rule unboundedgo/data)",
		},
		Options: []string{"limit"},
		Since:   rule.FirstRelease,
	}, {
		ID:    ruleData,
		Title: "one goroutine per item of what a round trip returns (a remote listing, a query's rows), with nothing limiting how many run",
		Why:   "An account's inventory or a table grows with the data: a fan-out over it sends a burst as large as the listing into rate-limited APIs. Off by default: a blind review found such lists often small in practice (the clients of one session, a caller's keys grouped by slot), 2 of 4 findings true.",
		Bad: `vms, err := client.ListVMs(ctx)
for _, vm := range vms {
	g.Go(func() error { return fetchNICs(ctx, vm) })
}`,
		Good: `vms, err := client.ListVMs(ctx)
g.SetLimit(cfg.RequestConcurrency)
for _, vm := range vms {
	g.Go(func() error { return fetchNICs(ctx, vm) })
}`,
		NotReported: []string{
			"what unboundedgo/fanout does not report, but for round trips' results",
		},
		Options: []string{"data", "limit"},
		OptIn:   "data",
		Since:   rule.FirstRelease,
	}}
}
