// Package poolperrequest defines an Analyzer that reports connection pools
// built per request or per loop iteration.
//
// # Analyzer poolperrequest
//
// poolperrequest: report connection pools built per request or iteration
//
// In Go the connection pool is not the client: it is the http.Transport
// under an http.Client, the sql.DB that sql.Open returns, a gRPC
// ClientConn, a Redis, pgx or Mongo client. Built inside a handler or a loop
// body and dropped at its end, such a pool dials new TCP and TLS connections
// every time, and, unless closed, its idle connections and their goroutines
// leak (thousands of goroutines in long-running services). poolperrequest
// reports, in request handlers (net/http, gin, echo, gRPC methods, and
// function literals inside them) and in loop bodies, the construction of a pool whose value
// does not outlive the request or iteration:
//
//   - an http.Transport literal, new(http.Transport) or Transport.Clone();
//   - sql.Open and sql.OpenDB;
//   - grpc.NewClient, grpc.Dial and grpc.DialContext;
//   - the client constructors of go-redis, pgxpool and the Mongo driver;
//   - any function listed with -poolperrequest.constructors
//     ("example.com/db.Open,example.com/db.Pool.Clone");
//   - a call of a function, in any package, that builds one of these and
//     returns it, alone or inside a client (func NewClient() *http.Client
//     { return &http.Client{Transport: &http.Transport{…}} }); one that
//     builds it with a -poolperrequest.constructors function counts
//     within its own package only;
//   - a call of a function of the package that builds one, uses it and
//     drops it (an http.Transport, or another pool it never closes), made
//     in a handler or a loop body: each call builds a pool again
//     (func head(url string) { c := &http.Client{Transport:
//     &http.Transport{…}}; c.Head(url) }, called once per link).
//
// With -poolperrequest.call (opt-in: on real code such functions mostly
// run once per CLI command, per day or per failure report, so fewer than
// one in ten findings was worth a change), a function that builds a pool,
// uses it and drops it builds one per call, whoever calls it, and is
// reported where it builds it, not at its calls: an
// http.Transport so built is reported, and so is any other pool it never
// closes (one a one-off task closes before returning, a migration or a
// check, is left alone). Package main runs its functions once and is not
// held to this.
//
// Bad:
//
//	func (s *server) proxy(w http.ResponseWriter, r *http.Request) {
//		client := &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}
//		resp, err := client.Do(outgoing(r))
//		…
//	}
//
// Good:
//
//	var upstream = &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}
//
//	func (s *server) proxy(w http.ResponseWriter, r *http.Request) {
//		resp, err := upstream.Do(outgoing(r))
//		…
//	}
//
// Not reported: an &http.Client{} without a Transport or with a shared one
// (it only wraps a pool), an http.Transport with DisableKeepAlives (it
// pools nothing; one with an IdleConnTimeout closes its idle connections
// itself, and only its new dials are reported), a pool that escapes (stored in a field or package
// variable, returned, sent, or passed to a function, which then owns it), a
// pool assigned to a variable that outlives the loop (retry loops), and, in a
// loop, a pool built per distinct target (its arguments depend on the
// iteration) that is closed before the iteration ends, or any pool in a
// loop that sleeps ten minutes or more per pass. Functions that only
// take a context.Context or an *http.Request are not taken as
// request-scoped: run(ctx) functions and CLI commands build their pools
// once, and the request may be an outgoing one (httputil.DumpRequestOut).
// A Transport that dials through a function literal of its own (an
// in-memory pipe) and a pool a function literal captures are not reported
// per call.
package poolperrequest
