package catalog

import (
	"go/types"
	"strings"
)

// networkIO lists calls that wait on the network or a database, keyed as
// Key returns them. A "path.Type.*" entry covers every method of the type.
var networkIO = map[string]bool{
	"database/sql.DB.*": true, "database/sql.Conn.*": true, "database/sql.Tx.*": true,
	"database/sql.Stmt.*": true, "database/sql.Rows.Next": true, "database/sql.Rows.NextResultSet": true,
	"database/sql.Row.Scan": true,

	"net/http.Get": true, "net/http.Head": true, "net/http.Post": true, "net/http.PostForm": true,
	"net/http.Client.Do": true, "net/http.Client.Get": true, "net/http.Client.Head": true,
	"net/http.Client.Post": true, "net/http.Client.PostForm": true,
	"net/http.Transport.RoundTrip": true, "net/http.RoundTripper.RoundTrip": true,

	"net.Dial": true, "net.DialTimeout": true, "net.DialTCP": true, "net.DialUDP": true, "net.DialUnix": true,
	"net.DialIP": true, "net.Dialer.Dial": true, "net.Dialer.DialContext": true,
	"net.LookupHost": true, "net.LookupIP": true, "net.LookupAddr": true, "net.LookupCNAME": true,
	"net.LookupMX": true, "net.LookupTXT": true, "net.LookupSRV": true, "net.LookupNS": true, "net.LookupPort": true,
	"net.Resolver.*": true,
	"net.Conn.Read":  true, "net.Conn.Write": true, "net.TCPConn.Read": true, "net.TCPConn.Write": true,
	"net.UDPConn.Read": true, "net.UDPConn.Write": true, "net.UDPConn.ReadFrom": true, "net.UDPConn.WriteTo": true,
	"net.Listener.Accept": true, "net.TCPListener.Accept": true,

	"crypto/tls.Dial": true, "crypto/tls.DialWithDialer": true, "crypto/tls.Dialer.DialContext": true,
	"crypto/tls.Conn.Handshake": true, "crypto/tls.Conn.HandshakeContext": true,
	"crypto/tls.Conn.Read": true, "crypto/tls.Conn.Write": true,

	"google.golang.org/grpc.ClientConn.Invoke": true, "google.golang.org/grpc.ClientConn.NewStream": true,
	"google.golang.org/grpc.ClientConnInterface.Invoke": true, "google.golang.org/grpc.ClientConnInterface.NewStream": true,
}

// stream lists the reads and writes on a connection already made: they
// wait for the peer, but a lock around them usually exists to keep one
// stream whole.
var stream = map[string]bool{
	"net.Conn.Read": true, "net.Conn.Write": true, "net.TCPConn.Read": true, "net.TCPConn.Write": true,
	"net.UDPConn.Read": true, "net.UDPConn.Write": true, "net.UDPConn.ReadFrom": true, "net.UDPConn.WriteTo": true,
	"crypto/tls.Conn.Read": true, "crypto/tls.Conn.Write": true,
}

// IsStream reports whether fn reads or writes an established connection
// (as opposed to a round trip: a dial, lookup, handshake, request or query).
func IsStream(fn *types.Func) bool { return listed(stream, fn) }

// childProcess lists calls that wait for a child process to finish.
var childProcess = map[string]bool{
	"os/exec.Cmd.Run": true, "os/exec.Cmd.Output": true, "os/exec.Cmd.CombinedOutput": true, "os/exec.Cmd.Wait": true,
}

// localSetup lists calls that take a context but wait on no peer: binding
// a socket is over at once, whatever the context.
var localSetup = map[string]bool{
	"net.ListenConfig.Listen": true, "net.ListenConfig.ListenPacket": true,
}

// IsLocalSetup reports whether fn takes a context only to set up a local
// resource at once (net.ListenConfig.Listen): it waits on nothing.
func IsLocalSetup(fn *types.Func) bool { return listed(localSetup, fn) }

// IsNetworkIO reports whether a call of fn waits on the network or a
// database: a round trip to another party. Plain file I/O and child
// processes are not included.
func IsNetworkIO(fn *types.Func) bool { return listed(networkIO, fn) }

// IsChildProcess reports whether a call of fn waits for a child process.
func IsChildProcess(fn *types.Func) bool { return listed(childProcess, fn) }

func listed(table map[string]bool, fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	key := Key(fn)
	if table[key] {
		return true
	}
	if i := strings.LastIndexByte(key, '.'); i > 0 && table[key[:i]+".*"] && fn.Exported() { // unexported helpers are the type's internals
		return key[:i] != fn.Pkg().Path() // a package-level function is not a type's method
	}
	return false
}

// hijack lists calls that take a served connection over from net/http
// (a websocket upgrade): from then on the server no longer reads the
// connection, so the request's context is canceled only when the handler
// returns, not when the peer goes away (http.Hijacker's documentation).
var hijack = map[string]bool{
	"net/http.Hijacker.Hijack": true, "net/http.ResponseController.Hijack": true,
	"github.com/gorilla/websocket.Upgrader.Upgrade": true,
	"nhooyr.io/websocket.Accept":                    true, "github.com/coder/websocket.Accept": true,
	"github.com/gobwas/ws.UpgradeHTTP": true, "github.com/gobwas/ws.HTTPUpgrader.Upgrade": true,
}

// IsHijack reports whether a call of fn takes a served HTTP connection
// over from the server.
func IsHijack(fn *types.Func) bool { return listed(hijack, fn) }
