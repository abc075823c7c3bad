package remote

import (
	"context"
	"net/http"
	"net/url"
)

type post struct{ tags string }

func (p *post) addTo(v url.Values) { v.Set("tags", p.tags) }

func (c *apiClient) getPost(ctx context.Context, u string) (*post, error) {
	resp, err := c.get(ctx, "/posts/get?url="+url.QueryEscape(u))
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return &post{}, nil
}

// Near miss: a's result fills the query of b through a method of it
// (post.addTo(values)), so b depends on a.
func (h *Handler) Bookmark(ctx context.Context, u string) error {
	p, err := h.api.getPost(ctx, u)
	if err != nil {
		return err
	}
	values := url.Values{}
	p.addTo(values)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://api/posts/add?"+values.Encode(), nil)
	if err != nil {
		return err
	}
	resp, err := h.pricing.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The same query filled from the caller's value alone is independent.
func (h *Handler) BookmarkTags(ctx context.Context, u, tags string) error {
	p, err := h.api.getPost(ctx, u)
	if err != nil {
		return err
	}
	values := url.Values{}
	(&post{tags: tags}).addTo(values)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://api/posts/add?"+values.Encode(), nil)
	if err != nil {
		return err
	}
	resp, err := h.pricing.Do(req) // want `h.pricing.Do does not depend on h.api.getPost \(line \d+\), and each is a remote request`
	if err != nil {
		return err
	}
	_ = p
	return resp.Body.Close()
}
