// Package seqio defines an Analyzer that reports independent network or
// database reads made one after another.
//
// # Analyzer seqio
//
// seqio: report independent I/O reads made one after another
//
// A handler that asks the pricing service for a price, then the warehouse
// for the stock, in two round trips that do not depend on each other,
// pays the sum of the two latencies where it could pay the longer one.
//
// By default (seqio/remote) seqio reports such a pair only when each call
// is a costly round trip on evidence: a request to a remote service (an
// http.Client request, a unary gRPC call, a method of a generated gRPC
// client or of an AWS SDK v2 or Azure SDK service client, or a call of a
// function that makes one) or a database/sql query
// whose constant text reads a whole table (a SELECT … FROM with no WHERE
// or LIMIT). A lookup by key beside a request saves only the lookup's
// millisecond when overlapped, and one API method called twice with other
// arguments wants one batched request: neither is reported. With
// -seqio.chain (opt-in: a blind review of real handlers found most such
// pairs were cheap lookups, not worth running concurrently) any two reads
// are reported (seqio/chain). Either rule reports, within one function,
// a call B that follows an earlier call A in the same block when all of
// these hold:
//
//   - both are round trips, on evidence: a call the I/O catalogue lists
//     (*sql.DB queries, *http.Client requests, …), a call of a function
//     in any package that makes one, or a method of an interface that
//     takes a context.Context and returns an error (a store or client);
//   - both are reads: the name starts with a read verb (Get, List, All, Find,
//     Fetch, Query, Count, Lookup, Search, …; -seqio.reads) and is no
//     write (no write verb first or after Or/And, as in GetOrCreate;
//     -seqio.writes); an SQL query's constant text is a SELECT with no
//     FOR UPDATE; an http.Client.Do request is a GET or HEAD; calls that
//     return only an error (an ordering barrier, or a fill of a pointer)
//     are not reads;
//   - B reads nothing that A's results reach: its arguments and receiver,
//     followed through SSA values, the local variables and fields they are
//     loaded from and the calls that may write them (a method that loads
//     into its receiver writes every field B then reads);
//   - B runs whenever A succeeds: nothing between them leaves the block
//     except under an `if err != nil` check (a fallback that returns when
//     A found something is not independent);
//   - the two are safe to run at once: different receivers, or one of a
//     type made for concurrent use (*sql.DB, *http.Client, gRPC and cloud
//     SDK clients), or a client type of the package that holds one and
//     whose methods never write its fields, or a field of the receiver
//     of a request handler, or of any method of a type that serves
//     requests, which concurrent requests share already; never a *sql.Tx, *sql.Conn, a session,
//     stream, batch or builder, nor under a context that may carry a
//     transaction (a callback's context parameter, a context returned by
//     a Tx or Session helper); and a package-level function that takes a
//     context only when that context is a handler's request context.
//
// A chain of three or more is reported once, at the last call.
//
// Bad:
//
//	func (h *Handler) Account(ctx context.Context, id string) (*pb.User, *pb.Orders, error) {
//		user, err := h.users.GetUser(ctx, &pb.GetUserRequest{Id: id}) // gRPC
//		if err != nil { … }
//		orders, err := h.orders.ListOrders(ctx, &pb.ListOrdersRequest{UserId: id}) // waits for GetUser first
//		…
//	}
//
// Good:
//
//	g, gctx := errgroup.WithContext(ctx)
//	g.Go(func() (err error) { user, err = h.users.GetUser(gctx, &pb.GetUserRequest{Id: id}); return err })
//	g.Go(func() (err error) { orders, err = h.orders.ListOrders(gctx, &pb.ListOrdersRequest{UserId: id}); return err })
//	if err := g.Wait(); err != nil { … }
//
// Not reported by seqio/remote: a cheap call beside a costly one, one API
// method twice (a batch or one merged query is the fix), a call of a
// function that keeps what it fetched in a field or package variable and
// returns it from there once set (if c.zones != nil { return c.zones }):
// only its first call is a round trip. Not reported by
// either rule: writes (their order is kept), calls in different branches
// or in goroutines, calls in loops whose later iteration reads an earlier
// one's result, statements of one transaction, test files and test
// support and functions that take a *testing.T, B, F or TB (unless
// -seqio.tests), demo programs, main and init functions, which run once,
// and callbacks the package never calls but hands to another package as
// a value (a refresher a scheduler runs on a timer): no request is known
// to wait for them.
package seqio
