// Package closer ends plain handshakes with the context by hand.
package closer

import (
	"context"
	"crypto/tls"
	"net"
)

// Near miss: context.AfterFunc closes the connection when ctx is done,
// which ends the handshake as HandshakeContext would.
func DialAfterFunc(ctx context.Context, cc net.Conn, cfg *tls.Config) (*tls.Conn, error) {
	stop := context.AfterFunc(ctx, func() { cc.Close() })
	defer stop()
	tc := tls.Client(cc, cfg)
	if err := tc.Handshake(); err != nil {
		return nil, err
	}
	return tc, nil
}

// Near miss: a goroutine closes it when ctx is done.
func DialWatched(ctx context.Context, cc net.Conn, cfg *tls.Config) (*tls.Conn, error) {
	done := make(chan bool)
	defer close(done)
	go func() {
		select {
		case <-done:
		case <-ctx.Done():
			cc.Close()
		}
	}()
	tc := tls.Client(cc, cfg)
	return tc, tc.Handshake()
}

// Nothing closes it: the handshake runs on after ctx is canceled.
func Dial(ctx context.Context, cc net.Conn, cfg *tls.Config) (*tls.Conn, error) {
	tc := tls.Client(cc, cfg)
	return tc, tc.Handshake() // want `Conn.Handshake ignores the context in scope`
}
