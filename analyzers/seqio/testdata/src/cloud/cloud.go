// Package cloud is an API client in the shape of generated cloud SDKs:
// each List method fetches one page through a chain of request handlers
// behind an unexported interface, and All fetches every page through a
// generic pager given a function literal.
package cloud

import (
	"context"
	"net/http"
	"strconv"
)

type handler interface {
	Do(req *http.Request) (*http.Response, error)
}

type httpHandler struct{ hc *http.Client }

func (h *httpHandler) Do(req *http.Request) (*http.Response, error) { return h.hc.Do(req) }

type retryHandler struct{ next handler }

func (h *retryHandler) Do(req *http.Request) (*http.Response, error) {
	resp, err := h.next.Do(req)
	if err != nil {
		return h.next.Do(req)
	}
	return resp, err
}

type Client struct {
	handler  handler
	Server   *ServerClient
	Network  *NetworkClient
	Location *LocationTable
}

func getRequest[T any](ctx context.Context, c *Client, path string) ([]T, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.com"+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.handler.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return nil, nil
}

func iterPages[T any](list func(page int) ([]T, error)) ([]T, error) {
	var all []T
	for page := 1; ; page++ {
		items, err := list(page)
		if err != nil || len(items) == 0 {
			return all, err
		}
		all = append(all, items...)
	}
}

type Server struct{ ID int }
type Network struct{ ID int }
type Location struct{ Name string }

type ServerClient struct{ client *Client }

func (c *ServerClient) List(ctx context.Context, page int) ([]*Server, error) {
	return getRequest[*Server](ctx, c.client, "/servers?page="+strconv.Itoa(page))
}

func (c *ServerClient) All(ctx context.Context) ([]*Server, error) {
	return iterPages(func(page int) ([]*Server, error) { return c.List(ctx, page) })
}

type NetworkClient struct{ client *Client }

func (c *NetworkClient) List(ctx context.Context, page int) ([]*Network, error) {
	return getRequest[*Network](ctx, c.client, "/networks?page="+strconv.Itoa(page))
}

func (c *NetworkClient) All(ctx context.Context) ([]*Network, error) {
	return iterPages(func(page int) ([]*Network, error) { return c.List(ctx, page) })
}

// LocationTable pages over a table it holds: All is no round trip.
type LocationTable struct{ rows []*Location }

func (t *LocationTable) All(ctx context.Context) ([]*Location, error) {
	return iterPages(func(page int) ([]*Location, error) {
		if page > 1 {
			return nil, ctx.Err()
		}
		return t.rows, nil
	})
}
