// Package notimeout defines an Analyzer that reports HTTP servers and
// clients that can wait forever.
//
// # Analyzer notimeout
//
// notimeout: report HTTP servers and clients that can wait forever
//
// A server that never times out a connection lets one slow client hold it
// forever (slowloris); enough of them exhaust file descriptors and
// goroutines. A client with no timeout, sending without a deadline, hangs as
// long as the peer does, and with it the request that called it. notimeout
// reports:
//
//   - http.ListenAndServe, ListenAndServeTLS, Serve and ServeTLS, which
//     cannot set any timeout;
//   - an http.Server, built by a literal or new, that serves (ListenAndServe,
//     Serve, …TLS, called or passed as a method value) with neither
//     ReadHeaderTimeout nor ReadTimeout set, in the literal or by an
//     assignment anywhere in the package; with -notimeout.strict, also
//     without WriteTimeout and IdleTimeout. A fix inserts
//     ReadHeaderTimeout (-notimeout.readheadertimeout, default 10s) into the
//     literal;
//   - an http.Client built without Timeout and kept in a package variable or
//     a struct field, and any use of http.DefaultClient, when a request sent
//     through it in the package (Do, Get, Head, Post, PostForm) carries no
//     deadline: Do with a request whose context comes from
//     context.WithTimeout or WithDeadline has one, made in the sending
//     function or by every caller in the package that passes the context
//     down (also through a func stored in a field), or inside a request the
//     callers built with r.WithContext(ctx), Clone or NewRequestWithContext
//     (a proxy forwarding the served request). A send whose context
//     is the one of the request a handler serves (r.Context(), a gRPC
//     method's ctx, also handed down to helpers) ends when that request's
//     client goes away: a lesser risk, reported with its own wording
//     ("with only the served request's context") only when no send of the
//     client lacks a deadline altogether; -notimeout.requestbound=false
//     drops them. When the sending
//     function hands the response body on (returns the response, or
//     io.Copy's its body to a writer that is not an in-memory buffer), the
//     advice is the Transport's
//     ResponseHeaderTimeout and dial and TLS handshake timeouts: a
//     whole-request Timeout would cut off long downloads.
//
// Bad:
//
//	func main() {
//		log.Fatal(http.ListenAndServe(":8080", mux))
//	}
//
// Good:
//
//	func main() {
//		srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
//		log.Fatal(srv.ListenAndServe())
//	}
//
// Not reported: servers on a constant loopback address (localhost:6060 for
// pprof, 127.0.0.1:…, fmt.Sprintf("127.0.0.1:%d", port)) or on one joined from a host that the function
// defaults to loopback when unset (`if host == "" { host = "localhost" }`)
// or on a command-line flag whose default is a loopback address (also a
// host flag of urfave/cli joined with a port, host + ":" + port), servers
// on a listener that a package outside the standard library made (an
// in-memory pipe, a tailnet, a systemd socket: its transport decides who
// can connect),
// servers and clients handed to a function outside the
// package (it may set the timeouts), servers built in one place and served
// through a value notimeout cannot follow, clients that are only used with
// deadline contexts (streaming clients rely on this) or, in a library,
// with what its callers choose: the context.Context parameter of an
// exported function the package never calls, and, in a library other
// modules import (not under internal/), its *http.Request parameter (a
// pass-through Do(req)) or a context field set from such a parameter by
// anything but a constructor (an option, WithContext(ctx)), also where it
// replaces the parameter (if o.ctx != nil { ctx = o.ctx }), clients whose requests only go to a loopback
// URL (the program's own admin port, "http://127.0.0.1:%d/quit"), clients whose
// Transport is a type of the package whose RoundTrip does no network I/O (a
// stand-in that fails every request), local clients, net/http itself (its
// helpers are the API; their callers are reported), demo programs and
// developers' tools (package main under an examples, demo, dev, hack or
// scripts directory), and test files.
package notimeout
