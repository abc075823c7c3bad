package remote

import (
	"context"

	"cloud"
)

// Two list requests to an API, each paging through a generic pager whose
// function literal sends the request (through the client's handler chain).
func Refresh(ctx context.Context, c *cloud.Client) (int, error) {
	servers, err := c.Server.All(ctx)
	if err != nil {
		return 0, err
	}
	networks, err := c.Network.All(ctx) // want `c.Network.All does not depend on c.Server.All \(line \d+\), and each is a remote request`
	if err != nil {
		return 0, err
	}
	return len(servers) + len(networks), nil
}

// Near miss: the same pager over a table in memory is no round trip.
func RefreshLocal(ctx context.Context, c *cloud.Client) (int, error) {
	servers, err := c.Server.All(ctx)
	if err != nil {
		return 0, err
	}
	locations, err := c.Location.All(ctx)
	if err != nil {
		return 0, err
	}
	return len(servers) + len(locations), nil
}

type refresher interface {
	refresh(ctx context.Context) (int, error)
}

type discovery struct{ c *cloud.Client }

// Near miss: a refresher the package never calls, only hands to a
// scheduler elsewhere (through its interface): a timer runs it, and no
// request waits for the two lists.
func (d *discovery) refresh(ctx context.Context) (int, error) {
	servers, err := d.c.Server.All(ctx)
	if err != nil {
		return 0, err
	}
	networks, err := d.c.Network.All(ctx)
	if err != nil {
		return 0, err
	}
	return len(servers) + len(networks), nil
}

// The same refresh, called by the package itself, is reported.
func (d *discovery) sync(ctx context.Context) (int, error) {
	servers, err := d.c.Server.All(ctx)
	if err != nil {
		return 0, err
	}
	networks, err := d.c.Network.All(ctx) // want `d.c.Network.All does not depend on d.c.Server.All \(line \d+\), and each is a remote request`
	if err != nil {
		return 0, err
	}
	return len(servers) + len(networks), nil
}

// NewDiscovery hands refresh to a scheduler and runs the first sync itself.
func NewDiscovery(ctx context.Context, c *cloud.Client, every func(func(context.Context) (int, error))) (int, error) {
	var r refresher = &discovery{c: c}
	every(r.refresh)
	return (&discovery{c: c}).sync(ctx)
}
