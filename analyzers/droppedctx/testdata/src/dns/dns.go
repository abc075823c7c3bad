// Package dns checks DNS lookups, whose context variants are methods of
// net.DefaultResolver.
package dns

import (
	"context"
	"net"
)

func resolve(ctx context.Context, host string) ([]string, error) {
	return net.LookupHost(host) // want `net.LookupHost ignores the context in scope and runs on after it is canceled; use net.DefaultResolver.LookupHost\(ctx, …\)`
}

func mail(ctx context.Context, domain string) int {
	mx, _ := net.LookupMX(domain)              // want `use net.DefaultResolver.LookupMX\(ctx, …\)`
	_, srv, _ := net.LookupSRV("", "", domain) // want `use net.DefaultResolver.LookupSRV\(ctx, …\)`
	port, _ := net.LookupPort("tcp", "smtp")   // ok: reads the local services database
	return len(mx) + len(srv) + port
}

func addresses(ctx context.Context, host string) ([]net.IP, error) {
	return net.LookupIP(host) // want `net.LookupIP ignores the context in scope and runs on after it is canceled; use net.DefaultResolver.LookupIP, network "ip", with ctx`
}

// Near misses.

func resolveWith(ctx context.Context, host string) ([]string, error) {
	return net.DefaultResolver.LookupHost(ctx, host) // ok: takes ctx
}

func resolveAtStart(host string) ([]string, error) {
	return net.LookupHost(host) // ok: no context in scope
}
