package seqio

import "github.com/conclint/conclint/internal/rule"

// The rule IDs seqio reports under (Diagnostic.Category).
const (
	ruleRemote = "seqio/remote"
	ruleChain  = "seqio/chain"
	ruleLoop   = "seqio/loop"
)

// Rules documents seqio's rules; it is their one source (README,
// docs/rules.md, -explain and SARIF are generated from it).
func Rules() []rule.Rule {
	notReported := []string{
		"writes, whose order is kept (a write verb, INSERT or FOR UPDATE, a POST)",
		"calls in different branches or in goroutines, and fallbacks that return when the first call found something",
		"statements of one transaction: a *sql.Tx, *sql.Conn, session or stream, or a context that may carry a transaction",
		"test files, test helpers (unless -seqio.tests), demo programs, main and init",
	}
	return []rule.Rule{{
		ID:    ruleRemote,
		Title: "independent costly round trips made one after another: requests to other services, queries that read a whole table",
		Why: "Two requests to other services (or two whole-table queries) that do not depend on each other cost the sum of their latencies " +
			"where they could cost the longer one; both are slow enough for the overlap to matter.",
		Bad: `price, err := h.pricing.Do(priceReq)
if err != nil { return err }
stock, err := h.warehouse.Do(stockReq)`,
		Good: `g, ctx := errgroup.WithContext(r.Context())
g.Go(func() (err error) { price, err = h.pricing.Do(priceReq.WithContext(ctx)); return err })
g.Go(func() (err error) { stock, err = h.warehouse.Do(stockReq.WithContext(ctx)); return err })
err := g.Wait()`,
		NotReported: append([]string{
			"a cheap call beside a costly one (a lookup by key, a count by an indexed column, a page of a list, a query whose text is not constant): overlapping them saves only the cheap one's time",
			"one API method called twice with other arguments (one gRPC method, one helper for one endpoint): a batched or merged request is the fix",
			"calls that are both given a value with a lazy loader (a LoadX method), which either may fill while the other reads it",
		}, notReported...),
		Options: []string{"tests", "reads", "writes"},
		Since:   rule.FirstRelease,
	}, {
		ID:    ruleChain,
		Title: "independent network or database reads made one after another",
		Why:   "Two round trips that do not depend on each other cost the sum of their latencies where they could cost the longer one.",
		Bad: `user, err := h.users.GetUser(r.Context(), id)
if err != nil { return err }
orders, err := h.orders.ListOrders(r.Context(), id)`,
		Good: `g, ctx := errgroup.WithContext(r.Context())
g.Go(func() (err error) { user, err = h.users.GetUser(ctx, id); return err })
g.Go(func() (err error) { orders, err = h.orders.ListOrders(ctx, id); return err })
err := g.Wait()`,
		NotReported: notReported,
		Options:     []string{"tests", "reads", "writes"},
		OptIn:       "chain",
		Since:       rule.FirstRelease,
	}, {
		ID:    ruleLoop,
		Title: "one read round trip per element of a range loop whose iterations are independent",
		Why:   "N elements cost N round trips one after another; they could run concurrently, bounded, or as one batched call.",
		Bad: `for i, id := range ids {
	users[i], err = h.users.GetUser(ctx, id)
}`,
		Good: `g, ctx := errgroup.WithContext(ctx)
g.SetLimit(8)
for i, id := range ids {
	g.Go(func() (err error) { users[i], err = h.users.GetUser(ctx, id); return err })
}`,
		NotReported: append([]string{"loops whose later iteration reads an earlier one's result"}, notReported...),
		Options:     []string{"tests", "reads", "writes"},
		OptIn:       "loops",
		Since:       rule.FirstRelease,
	}}
}
