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
	networks, err := c.Network.All(ctx) // want `c.Network.All does not depend on c.Server.All \(line \d+\), and each is a request to another service`
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
