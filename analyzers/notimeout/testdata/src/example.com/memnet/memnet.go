// Package memnet hands out in-memory listeners.
package memnet

import "net"

func Listen(addr string) net.Listener { return nil }
