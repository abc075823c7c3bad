// Package hijack checks handlers that take their connection over from
// net/http, after which nobody cancels the request's context until the
// handler returns.
package hijack

import (
	"net"
	"net/http"
)

// Relay reads from a taken-over connection and dials an upstream per
// frame: r.Context() no longer ends when the client goes away.
func Relay(w http.ResponseWriter, r *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	up, err := net.Dial("tcp", "upstream:9000")
	if err != nil {
		return
	}
	up.Close()
}

// Near miss: the same dial before the takeover, while r.Context() still
// ends when the client leaves.
func RelayLate(w http.ResponseWriter, r *http.Request) {
	up, err := net.Dial("tcp", "upstream:9000") // want `net.Dial ignores the context in scope`
	if err != nil {
		return
	}
	up.Close()
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}
