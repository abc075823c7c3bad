package remote

import (
	"context"
	"net/http"
	"sync"
)

// ZoneClient asks an API for its zones.
type ZoneClient struct {
	hc    *http.Client
	mu    sync.Mutex
	zones *http.Response
}

func (z *ZoneClient) fetch() (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, "https://api.example.com/zones", nil)
	if err != nil {
		return nil, err
	}
	return z.hc.Do(req)
}

// getZones makes its round trip on the first call for z only, and serves
// later calls from z's field.
func getZones(z *ZoneClient) (*http.Response, error) {
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.zones != nil {
		return z.zones, nil
	}
	resp, err := z.fetch()
	if err != nil {
		return nil, err
	}
	z.zones = resp
	return resp, nil
}

// listZones makes it on every call.
func listZones(z *ZoneClient) (*http.Response, error) {
	return z.fetch()
}

// Two requests that each cost a round trip.
func Placement(ctx context.Context, z *ZoneClient, s *StatsClient) error {
	zones, err := listZones(z)
	if err != nil {
		return err
	}
	defer zones.Body.Close()
	info, err := s.GetInfo(ctx) // want `s.GetInfo does not depend on listZones \(line \d+\), and each is a remote request`
	if err != nil {
		return err
	}
	defer info.Body.Close()
	return nil
}

// Near miss: the zones come from z's cache after the first call, so only
// the other request costs a round trip.
func CachedPlacement(ctx context.Context, z *ZoneClient, s *StatsClient) error {
	zones, err := getZones(z)
	if err != nil {
		return err
	}
	_ = zones
	info, err := s.GetInfo(ctx)
	if err != nil {
		return err
	}
	defer info.Body.Close()
	return nil
}
