package remote

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/rds"
)

// Two API calls of a cloud SDK's service client, which is safe for
// concurrent use: each is an HTTPS round trip to the provider.
func Inventory(ctx context.Context, c *rds.Client) (int, error) {
	instances, err := c.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{})
	if err != nil {
		return 0, err
	}
	clusters, err := c.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{}) // want `c.DescribeDBClusters does not depend on c.DescribeDBInstances \(line \d+\), and each is a remote request`
	if err != nil {
		return 0, err
	}
	return len(instances.Instances) + len(clusters.Clusters), nil
}

// StatsClient is an API client whose methods never write its fields.
type StatsClient struct {
	endpoint string
	hc       *http.Client
}

func (c *StatsClient) get(ctx context.Context, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.endpoint+path, nil)
	if err != nil {
		return nil, err
	}
	return c.hc.Do(req)
}

func (c *StatsClient) GetInfo(ctx context.Context) (*http.Response, error) {
	return c.get(ctx, "/info")
}

func (c *StatsClient) GetCaches(ctx context.Context) (*http.Response, error) {
	return c.get(ctx, "/caches")
}

// Its own getters, one after another, on one client that two calls may
// share.
func (c *StatsClient) GetStats(ctx context.Context) error {
	info, err := c.GetInfo(ctx)
	if err != nil {
		return err
	}
	defer info.Body.Close()
	caches, err := c.GetCaches(ctx) // want `c.GetCaches does not depend on c.GetInfo \(line \d+\), and each is a remote request`
	if err != nil {
		return err
	}
	defer caches.Body.Close()
	return nil
}

// CachingClient keeps the last ETag it saw: its calls share state.
type CachingClient struct {
	hc   *http.Client
	etag string
}

func (c *CachingClient) get(ctx context.Context, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.com"+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("If-None-Match", c.etag)
	resp, err := c.hc.Do(req)
	if err == nil {
		c.etag = resp.Header.Get("ETag")
	}
	return resp, err
}

func (c *CachingClient) GetInfo(ctx context.Context) (*http.Response, error) {
	return c.get(ctx, "/info")
}

func (c *CachingClient) GetCaches(ctx context.Context) (*http.Response, error) {
	return c.get(ctx, "/caches")
}

// Near miss: the same getters on a client whose methods write its fields
// (the ETag): running them at once would race on it.
func (c *CachingClient) GetStats(ctx context.Context) error {
	info, err := c.GetInfo(ctx)
	if err != nil {
		return err
	}
	defer info.Body.Close()
	caches, err := c.GetCaches(ctx)
	if err != nil {
		return err
	}
	defer caches.Body.Close()
	return nil
}

// TokenClient's helper sets the token on the client it is given.
type TokenClient struct {
	hc    *http.Client
	token string
}

func refreshToken(c *TokenClient, token string) { c.token = token }

func (c *TokenClient) get(ctx context.Context, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.com"+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err == nil {
		refreshToken(c, resp.Header.Get("X-Token"))
	}
	return resp, err
}

func (c *TokenClient) GetInfo(ctx context.Context) (*http.Response, error) {
	return c.get(ctx, "/info")
}

func (c *TokenClient) GetCaches(ctx context.Context) (*http.Response, error) {
	return c.get(ctx, "/caches")
}

// Near miss: a function of the package writes the client's fields.
func (c *TokenClient) GetStats(ctx context.Context) error {
	info, err := c.GetInfo(ctx)
	if err != nil {
		return err
	}
	defer info.Body.Close()
	caches, err := c.GetCaches(ctx)
	if err != nil {
		return err
	}
	defer caches.Body.Close()
	return nil
}
