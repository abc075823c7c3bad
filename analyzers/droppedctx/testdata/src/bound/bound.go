// Package bound checks calls that a short timeout already bounds: they
// run on for at most that long after cancellation.
package bound

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"time"
)

var askClient = &http.Client{Timeout: 10 * time.Second}

var slowClient = &http.Client{Timeout: 10 * time.Minute}

type checker struct{ client *http.Client }

func newChecker() *checker {
	return &checker{client: &http.Client{Timeout: 5 * time.Second}}
}

func ask(ctx context.Context, url string) {
	if resp, err := askClient.Get(url); err == nil { // ok: at most 10s after cancellation
		resp.Body.Close()
	}
	if resp, err := slowClient.Get(url); err == nil { // want `Client.Get ignores the context in scope`
		resp.Body.Close()
	}
	if resp, err := http.DefaultClient.Get(url); err == nil { // want `Client.Get ignores the context in scope`
		resp.Body.Close()
	}
}

func (c *checker) check(ctx context.Context, url string) {
	if resp, err := c.client.Get(url); err == nil { // ok: bounded by 5s
		resp.Body.Close()
	}
}

func dial(ctx context.Context, addr string) {
	if conn, err := net.DialTimeout("tcp", addr, 3*time.Second); err == nil { // ok: bounded by 3s
		conn.Close()
	}
	if conn, err := net.DialTimeout("tcp", addr, time.Hour); err == nil { // want `net.DialTimeout ignores the context in scope`
		conn.Close()
	}
	if conn, err := net.Dial("tcp", addr); err == nil { // want `net.Dial ignores the context in scope`
		conn.Close()
	}
	if conn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", 8080)); err == nil { // ok: a loopback connect is accepted or refused at once
		conn.Close()
	}
	if conn, err := net.Dial("unix", "/run/agent.sock"); err == nil { // ok: so is a Unix socket's
		conn.Close()
	}
	if conn, err := net.DialTimeout("tcp", "localhost:8080", time.Hour); err == nil { // ok: loopback
		conn.Close()
	}
	if conn, err := tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", addr, nil); err == nil { // ok: bounded by 5s
		conn.Close()
	}
	if conn, err := tls.Dial("tcp", addr, nil); err == nil { // want `tls.Dial ignores the context in scope`
		conn.Close()
	}
}

// A connection given a deadline ends its I/O by then: a handshake under a
// ten-second deadline runs on for at most that long after cancellation.

func timedHandshake(tc *tls.Conn) error {
	tc.SetDeadline(time.Now().Add(10 * time.Second))
	defer tc.SetDeadline(time.Time{})
	return tc.Handshake() // ok: under the deadline set above
}

func untimedHandshake(tc *tls.Conn) error {
	return tc.Handshake()
}

func handshake(tc *tls.Conn) error {
	tc.SetDeadline(time.Time{}) // clears the deadline
	return tc.Handshake()
}

func serveTLS(ctx context.Context, conn net.Conn, cfg *tls.Config) {
	tc := tls.Server(conn, cfg)
	_ = timedHandshake(tc)   // ok: the callee bounds its handshake
	_ = untimedHandshake(tc) // want `bound.untimedHandshake drops the caller's context: it calls Conn.Handshake`
	_ = handshake(tc)        // want `bound.handshake drops the caller's context: it calls Conn.Handshake`
	tc.SetDeadline(time.Now().Add(time.Minute))
	_ = untimedHandshake(tc) // ok: the deadline set on tc just above bounds it
	_ = tc.Handshake()       // ok: likewise
}
