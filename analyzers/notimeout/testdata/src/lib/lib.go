// Package lib is a library whose clients send what their callers give
// them: requests, and contexts set through options.
package lib

import (
	"context"
	"net/http"
)

// fetcher forwards its callers' requests.
type fetcher struct{ client *http.Client }

func newFetcher() *fetcher { return &fetcher{client: &http.Client{}} } // ok: every send is a caller's request

// Do sends a request its caller built: the caller chooses its deadline.
func (f *fetcher) Do(req *http.Request) (*http.Response, error) { return f.client.Do(req) }

// Near miss: an unexported pass-through whose one caller builds the
// request with no context.
type pusher struct{ client *http.Client }

func newPusher() *pusher { return &pusher{client: &http.Client{}} } // want `http.Client in pusher.client has no Timeout and Do at lib.go:\d+ hands on a response body without a deadline`

func (p *pusher) do(req *http.Request) (*http.Response, error) { return p.client.Do(req) }

func (p *pusher) Cancel(url string) {
	req, err := http.NewRequest(http.MethodDelete, url, nil)
	if err != nil {
		return
	}
	if resp, err := p.do(req); err == nil {
		resp.Body.Close()
	}
}

// lister sends with a context its callers set through an option.
type lister struct {
	ctx    context.Context
	client *http.Client
}

type Option func(*lister)

// WithContext sets the context of every request the lister sends.
func WithContext(ctx context.Context) Option { return func(l *lister) { l.ctx = ctx } }

func newLister(opts ...Option) *lister {
	l := &lister{ctx: context.Background(), client: &http.Client{}} // ok: the callers' option bounds its sends
	for _, o := range opts {
		o(l)
	}
	return l
}

func (l *lister) list(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := l.client.Do(req.WithContext(l.ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Near miss: a context field that only the package sets, to Background.
type poller struct {
	ctx    context.Context
	client *http.Client
}

func newPoller() *poller {
	return &poller{ctx: context.Background(), client: &http.Client{}} // want `http.Client in poller.client has no Timeout and Do at lib.go:\d+ sends without a deadline`
}

func (p *poller) poll(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := p.client.Do(req.WithContext(p.ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// catalog sends with its caller's context, or the one an option set.
type catalog struct {
	client *http.Client
	backup context.Context
}

type catalogOptions struct{ ctx context.Context }

type CatalogOption func(*catalogOptions)

// WithCatalogContext overrides the context Catalog is given.
func WithCatalogContext(ctx context.Context) CatalogOption {
	return func(o *catalogOptions) { o.ctx = ctx }
}

var cat = &catalog{client: &http.Client{}, backup: context.Background()} // want `http.Client in catalog.client has no Timeout and Do at lib.go:\d+ sends without a deadline`

// Catalog lists the catalog.
func Catalog(ctx context.Context, url string, opts ...CatalogOption) error {
	o := &catalogOptions{}
	for _, opt := range opts {
		opt(o)
	}
	if o.ctx != nil {
		ctx = o.ctx
	}
	return cat.get(ctx, url)
}

func (c *catalog) get(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Near miss: the same client, sent with a context only the package sets.
func Refresh(url string) error {
	ctx := cat.backup
	return cat.get(ctx, url)
}

// Near miss: a client whose constructor keeps the context it is given:
// the lifetime of the client, not a deadline for each request.
type session struct {
	ctx    context.Context
	client *http.Client
}

func NewSession(ctx context.Context) *session {
	return &session{ctx: ctx, client: &http.Client{}} // want `http.Client in session.client has no Timeout and Do at lib.go:\d+ sends without a deadline`
}

func (s *session) ping(url string) error {
	req, err := http.NewRequestWithContext(s.ctx, http.MethodHead, url, nil)
	if err != nil {
		return err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
