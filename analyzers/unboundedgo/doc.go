// Package unboundedgo defines an Analyzer that reports goroutines started
// once per item of unbounded input with nothing limiting how many run.
//
// # Analyzer unboundedgo
//
// unboundedgo: report one goroutine per input item with no limit
//
// A service that starts a goroutine for every element of a request's list,
// every value from a channel or every row of a result set runs out of
// memory, file descriptors or downstream connections under load, because
// the input, not the code, decides how many goroutines run at once.
// unboundedgo reports a go statement, an errgroup.Group.Go call or (from
// Go 1.25) a sync.WaitGroup.Go call inside a loop driven by input:
//
//   - range over a slice, map or channel, or over slices.Values, maps.Keys
//     and friends of one, or a counted loop up to len(x), directly or
//     through a local n := len(x), when the collection is data-sized (see
//     below);
//   - for rows.Next() over database/sql rows (with -unboundedgo.data),
//     for sc.Scan() over a bufio.Scanner;
//   - any loop that receives a value from a channel (a queue) and hands
//     that value to the goroutine, and a for loop without a condition that
//     reads until its input ends (line, err := r.ReadString('\n'), msg, err
//     := stream.Recv(), it.Next()) and hands the value on;
//
// when the goroutine does what a limit is for: a network or database round
// trip or a child process (itself or through its callees, in any package),
// more goroutines, or a call with a context through an interface or a func
// value (a client the model cannot see into). A limit made inside an input
// loop (a semaphore or limited errgroup per request, with no wait before
// the next one) bounds only the inner fan-out: the outer loop multiplies
// it, and is reported.
//
// A collection is data-sized only on positive evidence, followed through
// the function's locals (assignments, appends, stores into a map, a range
// over another collection), the arguments its callers in the package pass,
// and the results of calls: it comes from a request handler's request (the
// *http.Request, a gin or echo context, a gRPC request: r.URL.Query(), a
// body decoded into a local) or from a channel (rule unboundedgo/fanout).
// With -unboundedgo.data (rule unboundedgo/data, off by default), what a
// network or database round trip returns counts too: the result of a
// listing or a query, a response body decoded, rows scanned into a list or
// walked with rows.Next(), a call with a context through an interface. A
// blind review of real code found such lists often small in practice (the
// clients of one session, a caller's keys grouped by slot): 2 of 4 true.
// A collection with no such evidence, such as a parameter of a library
// function whose callers are elsewhere, is not reported.
//
// For an errgroup created in the same function with no SetLimit call, the
// suggested fix inserts g.SetLimit(runtime.GOMAXPROCS(0)) after the group is
// created; -unboundedgo.limit sets the limit expression.
//
// Bad:
//
//	func (s *Shop) Reindex(w http.ResponseWriter, r *http.Request) {
//		g, ctx := errgroup.WithContext(r.Context())
//		for _, id := range r.URL.Query()["id"] {
//			g.Go(func() error { return s.index(ctx, id) })
//		}
//		_ = g.Wait()
//	}
//
// Good:
//
//	func (s *Shop) Reindex(w http.ResponseWriter, r *http.Request) {
//		g, ctx := errgroup.WithContext(r.Context())
//		g.SetLimit(8)
//		for _, id := range r.URL.Query()["id"] {
//			g.Go(func() error { return s.index(ctx, id) })
//		}
//		_ = g.Wait()
//	}
//
// Not reported, because something visible bounds the goroutines, the
// input is not unbounded, or a limit would add nothing:
//
//   - goroutines that only compute on data already in memory (build
//     labels, fill a map): they are cheap, and a limit adds nothing;
//   - an errgroup with SetLimit, or one this function did not create (a
//     parameter, a field, one passed to a helper): its limit may be set
//     there;
//   - a send or a bare receive on a channel (a semaphore or a token), a
//     receive from a pool the goroutine gives the value back to (a buffer
//     or a connection taken before the go statement), or a
//     call of Acquire, TryAcquire or Wait (a semaphore, a rate limiter, a
//     batch wait) in the loop;
//   - a goroutine that acquires a semaphore itself (sem <- struct{}{} with a
//     matching receive, or Acquire) before working, also when it runs a
//     local closure (work := func(id string) {…}; go work(id)), one that
//     defers the release of a semaphore kept in a field or package variable
//     (defer q.release(), whose body is <-q.slots: the producer took the
//     slot before handing the work on), and worker pools, whose goroutines
//     loop over a jobs channel;
//   - a goroutine started only for items found in a map kept in a field or
//     package variable (p, ok := r.plugins[name]; if !ok { continue }, or
//     if p, ok := …; ok { go … }): at most one per entry of that map;
//   - collections the deployment or the code bounds, whatever data flows
//     into them: anything whose name or element type names a part of a
//     cluster or its addresses (clusters, nodes, peers, members, shards,
//     replicas, masters, slaves, servers, brokers, backends, endpoints,
//     targets, upstreams, hosts, addrs, listeners, partitions, regions,
//     zones; a map[*clusterNode]…, which has one entry per node however
//     many commands it groups) or a configuration (cfg, config, opts,
//     options, settings, a Config() provider's h.r.Config().Keys(ctx),
//     flag.Args()); fixed-size arrays, composite literals, package-level
//     variables and the receiver's state (a server's listeners, a
//     pipeline's stages); lists of funcs or of interface implementations
//     (code, not data);
//   - counted loops up to a constant, runtime.NumCPU(), runtime.GOMAXPROCS
//     or any other count that is not a length: a configured worker or
//     retry count is not input;
//   - a spawn followed by break or return, which runs once, and a goroutine
//     that does not mention the loop's item (a one-off under a condition);
//   - the accept loop of a server (a loop that calls Accept, or hands a
//     net.Conn or other value with a RemoteAddr method to the goroutine):
//     one goroutine per connection is the accepted idiom for serving.
//
// Ticks (time.Time) and signals (struct{}, bool) received from channels are
// not work items. Test files are skipped.
package unboundedgo
