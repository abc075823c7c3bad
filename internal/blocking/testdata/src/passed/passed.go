// Package passed: a function literal that the callee calls is the
// caller's work, and a call through one of the package's unexported
// interfaces does what all its implementations do.
package passed

import (
	"context"
	"net/http"
	"sort"
	"strconv"

	"pager"
)

type Client struct {
	hc      *http.Client
	handler handler
	later   pager.Later
}

func (c *Client) list(ctx context.Context, page int) ([]string, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://api/items?page="+strconv.Itoa(page), nil)
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return nil, nil
}

// The literal given to a generic pager (in another package) makes the
// requests: ListAll does.
func (c *Client) ListAll(ctx context.Context) ([]string, error) { // want ListAll:"^blocks: c.hc.Do \\(passed.go:23\\) through pager.All; io: c.hc.Do \\(passed.go:23\\) through pager.All; costly: c.hc.Do \\(passed.go:23\\) through pager.All$"
	return pager.All(func(page int) ([]string, error) {
		return c.list(ctx, page)
	})
}

// So through a helper that passes it on.
func (c *Client) FirstItem(ctx context.Context) (string, error) { // want FirstItem:"io: c.hc.Do \\(passed.go:23\\) through pager.First"
	return pager.First(10, func(page int) ([]string, error) {
		return c.list(ctx, page)
	})
}

// A pager of this package, which calls a method value's worth of work.
func pages(fetch func(int) ([]string, error)) []string { // pages does nothing of its own: calls param 0, not exported
	var out []string
	for p := 0; p < 3; p++ {
		items, _ := fetch(p)
		out = append(out, items...)
	}
	return out
}

func (c *Client) Pages(ctx context.Context) []string { // want Pages:"io: c.hc.Do \\(passed.go:23\\) through passed.pages"
	return pages(func(p int) ([]string, error) { return c.list(ctx, p) })
}

// Near miss: the pager is given a pure function; nothing here does I/O.
func Squares() ([]int, error) { // no fact
	return pager.All(func(page int) ([]int, error) {
		if page > 3 {
			return nil, nil
		}
		return []int{page * page}, nil
	})
}

// Near miss: a literal kept for later is not called here.
func (c *Client) Defer(ctx context.Context) { // no fact
	c.later.Add(func() { _, _ = c.list(ctx, 1) })
}

// Near miss: nor one run in a goroutine by the callee.
func (c *Client) Spawn(ctx context.Context) { // no fact
	pager.Background(func() { _, _ = c.list(ctx, 1) })
}

// Near miss: sort.Slice calls its function, but the standard library
// carries no facts: the comparison is not followed (and does nothing).
func Sorted(xs []int) { sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] }) } // no fact

// A chain of handlers behind an unexported interface: the base sends the
// request, a wrapper calls the next handler.
type handler interface {
	Do(req *http.Request) (*http.Response, error)
}

type httpHandler struct{ hc *http.Client }

func (h *httpHandler) Do(req *http.Request) (*http.Response, error) { return h.hc.Do(req) } // want Do:"costly: h.hc.Do \\(passed.go:\\d+\\)$"

type retryHandler struct{ next handler }

func (h *retryHandler) Do(req *http.Request) (*http.Response, error) { // want Do:"costly: h.hc.Do \\(passed.go:\\d+\\) through handler.Do$"
	resp, err := h.next.Do(req)
	if err != nil {
		resp, err = h.next.Do(req)
	}
	return resp, err
}

// An embedded handler wraps another too.
type named struct{ handler }

func (c *Client) Send(req *http.Request) (*http.Response, error) { // want Send:"costly: h.hc.Do \\(passed.go:\\d+\\) through handler.Do$"
	return c.handler.Do(req)
}

// Near miss: one implementation of this interface answers from memory, so
// a call through it may do no I/O.
type source interface {
	Get(ctx context.Context, key string) (string, error)
}

type remote struct{ c *Client }

func (r *remote) Get(ctx context.Context, key string) (string, error) { // want Get:"io: c.hc.Do"
	items, err := r.c.list(ctx, 1)
	if err != nil || len(items) == 0 {
		return "", err
	}
	return items[0], nil
}

type memory map[string]string

func (m memory) Get(ctx context.Context, key string) (string, error) { return m[key], nil }

func Lookup(ctx context.Context, s source) (string, error) { return s.Get(ctx, "k") } // no fact

// Near miss: an exported interface may have implementations elsewhere.
type Source interface {
	Fetch(ctx context.Context) (string, error)
}

type fetcher struct{ c *Client }

func (f fetcher) Fetch(ctx context.Context) (string, error) { // want Fetch:"io: c.hc.Do"
	items, err := f.c.list(ctx, 1)
	if err != nil || len(items) == 0 {
		return "", err
	}
	return items[0], nil
}

func FetchFrom(ctx context.Context, s Source) (string, error) { return s.Fetch(ctx) } // no fact
