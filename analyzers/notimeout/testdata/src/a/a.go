package a

import (
	"context"
	"log"
	"net"
	"net/http"
	"time"

	"example.com/srvcfg"
)

// Rule a: package-level serving.

func main() {
	mux := http.NewServeMux()
	log.Fatal(http.ListenAndServe(":8080", mux)) // want `http.ListenAndServe cannot set timeouts, so a client that sends slowly holds its connection forever \(slowloris\); serve with an http.Server that sets ReadHeaderTimeout`
}

func serveTLS(addr string) error {
	return http.ListenAndServeTLS(addr, "cert.pem", "key.pem", nil) // want `http.ListenAndServeTLS cannot set timeouts`
}

func serveListener(l net.Listener, h http.Handler) error {
	return http.Serve(l, h) // want `http.Serve cannot set timeouts`
}

func debug() {
	go http.ListenAndServe("localhost:6060", nil) // ok: loopback only
	go http.ListenAndServe("127.0.0.1:6061", nil) // ok: loopback only
	go http.ListenAndServe("[::1]:6062", nil)     // ok: loopback only
}

// Rule b: servers without read timeouts.

func plain(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux} // want `http.Server serving at a.go:38 has no ReadHeaderTimeout or ReadTimeout, so a client that sends its headers slowly holds its connection forever \(slowloris\); set ReadHeaderTimeout`
	return srv.ListenAndServe()
}

func multiline(l net.Listener, mux *http.ServeMux) error {
	srv := http.Server{ // want `http.Server serving at a.go:46 has no ReadHeaderTimeout or ReadTimeout`
		Handler:      mux,
		WriteTimeout: time.Minute,
	}
	return srv.Serve(l)
}

type app struct {
	srv *http.Server
}

func newApp(h http.Handler) *app {
	return &app{srv: &http.Server{Addr: ":8443", Handler: h}} // want `http.Server serving at a.go:57 has no ReadHeaderTimeout or ReadTimeout`
}

func (a *app) start() error { return a.srv.ListenAndServeTLS("cert.pem", "key.pem") }

func methodValue(h http.Handler) {
	srv := new(http.Server) // want `http.Server serving at a.go:62 has no ReadHeaderTimeout or ReadTimeout`
	srv.Handler = h
	runServer(srv.ListenAndServe)
}

func runServer(serve func() error) { _ = serve() }

func viaHelper(h http.Handler) {
	serveIt(&http.Server{Handler: h}) // want `http.Server serving at a.go:71 has no ReadHeaderTimeout or ReadTimeout`
}

func serveIt(s *http.Server) { _ = s.ListenAndServe() }

// Near misses for rule b.

func assignedAfter(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux} // ok: set below
	srv.ReadHeaderTimeout = 5 * time.Second
	return srv.ListenAndServe()
}

func readTimeout(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadTimeout: 30 * time.Second} // ok: ReadTimeout bounds the headers too
	return srv.ListenAndServe()
}

func neverServed(h http.Handler) *http.Server {
	return &http.Server{Handler: h} // ok: served where notimeout cannot see
}

func loopbackServer(h http.Handler) error {
	srv := &http.Server{Addr: "localhost:6060", Handler: h} // ok: loopback only
	return srv.ListenAndServe()
}

type admin struct{ srv *http.Server }

func newAdmin(h http.Handler) *admin {
	return &admin{srv: &http.Server{Addr: ":9090", Handler: h}} // ok: configure sets the timeout
}

func (a *admin) configure(d time.Duration) { a.srv.ReadTimeout = d }

func (a *admin) run() error { return a.srv.ListenAndServe() }

func configuredElsewhere(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h} // ok: srvcfg.Apply may set the timeouts
	srvcfg.Apply(srv)
	return srv.ListenAndServe()
}

// Rule c: clients without timeouts.

var api = &http.Client{} // want `http.Client in api has no Timeout and Get at a.go:115 hands on a response body without a deadline, so a peer that stops answering hangs it forever; set the Transport's ResponseHeaderTimeout and dial and TLS handshake timeouts \(a whole-request Timeout would cut off long downloads\)`

func fetch(url string) (*http.Response, error) { return api.Get(url) } // the caller reads the body, however long

type pricing struct {
	http *http.Client
	fall *http.Client
}

func newPricing(t http.RoundTripper) *pricing {
	return &pricing{http: &http.Client{Transport: t}} // want `http.Client in pricing.http has no Timeout and Do at a.go:131 sends without a deadline`
}

func (p *pricing) quote(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	_, err = p.http.Do(req)
	return err
}

func (p *pricing) fallback(req *http.Request) {
	if p.fall == nil {
		p.fall = http.DefaultClient // want `http.DefaultClient has no Timeout and Do at a.go:139 sends without a deadline, so the request hangs as long as the peer does; use an http.Client with a Timeout, or send with a context from context.WithTimeout`
	}
	_, _ = p.fall.Do(req)
}

func defaultDo(req *http.Request) {
	_, _ = http.DefaultClient.Do(req) // want `http.DefaultClient has no Timeout and Do at a.go:143 sends without a deadline`
}

// Near misses for rule c.

var stream = &http.Client{} // ok: every request carries a deadline

func watch(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	_, err = stream.Do(req)
	return err
}

var bounded = &http.Client{Timeout: 10 * time.Second} // ok: Timeout set

func fetchBounded(url string) { _, _ = bounded.Get(url) }

type hooks struct{ hc *http.Client }

func newHooks() *hooks { return &hooks{hc: &http.Client{}} } // ok: the timeout is set in configure

func (h *hooks) configure() { h.hc.Timeout = 5 * time.Second }

func (h *hooks) send(url string) { _, _ = h.hc.Post(url, "application/json", nil) }

func localClient(url string) {
	c := &http.Client{} // ok: a local client, not kept
	_, _ = c.Get(url)
}

func defaultWithDeadline(ctx context.Context, req *http.Request) {
	ctx, cancel := context.WithDeadline(ctx, time.Now().Add(time.Second))
	defer cancel()
	_, _ = http.DefaultClient.Do(req.WithContext(ctx)) // ok: a deadline context
}

var wrapped = &http.Client{} // ok: handed to srvcfg.Wrap, which may set it

func init() { srvcfg.Wrap(wrapped) }

func fetchWrapped(url string) { _, _ = wrapped.Get(url) }

// Local listeners only local processes reach.

func unixSocket(h http.Handler) error {
	l, err := net.Listen("unix", "/run/shop.sock")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h} // ok: a Unix socket
	return srv.Serve(l)
}

func loopbackListener(h http.Handler) error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	return http.Serve(l, h) // ok: loopback only
}

// Exported fields and variables: importers may set the timeouts.

type Framework struct {
	Server *http.Server
	Client *http.Client
}

func NewFramework() *Framework {
	return &Framework{Server: new(http.Server), Client: &http.Client{}} // ok: configurable by importers
}

func (f *Framework) Start(h http.Handler) error {
	_, _ = f.Client.Get("https://telemetry.internal/")
	f.Server.Handler = h
	return f.Server.ListenAndServe()
}

// Servers returned by a function of the package and served by its callers.

func mustServer(h http.Handler) (*http.Server, error) {
	srv := &http.Server{Handler: h} // want `http.Server serving at a.go:238 has no ReadHeaderTimeout or ReadTimeout`
	return srv, nil
}

func startReturned(l net.Listener, h http.Handler) error {
	srv, err := mustServer(h)
	if err != nil {
		return err
	}
	return srv.Serve(l)
}

// A client whose transport never reaches the network cannot hang on a peer.

type failing struct{ err error }

func (f failing) RoundTrip(*http.Request) (*http.Response, error) { return nil, f.err }

type logged struct{ next http.RoundTripper }

func (l logged) RoundTrip(r *http.Request) (*http.Response, error) { return l.next.RoundTrip(r) }

type scraper struct{ hc *http.Client }

func newFailingScraper(err error) *scraper {
	return &scraper{hc: &http.Client{Transport: failing{err}}}
}

func newLoggedScraper() *scraper {
	return &scraper{hc: &http.Client{Transport: logged{http.DefaultTransport}}} // want `http.Client in scraper.hc has no Timeout`
}

func (s *scraper) scrape(url string) { _, _ = s.hc.Get(url) }

// Every caller bounds the send: the deadline is made up the call chain.

type sender struct {
	do func(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error)
	hc *http.Client
}

func defaultDoer(ctx context.Context, client *http.Client, req *http.Request) (*http.Response, error) {
	if client == nil {
		client = http.DefaultClient
	}
	return client.Do(req.WithContext(ctx))
}

func newSender() *sender { return &sender{do: defaultDoer} }

func (s *sender) sendBatch(url string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s.sendOne(ctx, url)
}

func (s *sender) sendOne(ctx context.Context, url string) {
	req, _ := http.NewRequest(http.MethodPost, url, nil)
	_, _ = s.do(ctx, s.hc, req)
}

func plainDoer(ctx context.Context, req *http.Request) (*http.Response, error) {
	return http.DefaultClient.Do(req.WithContext(ctx)) // want `http.DefaultClient has no timeouts and Do at a.go:\d+ hands on a response body without a deadline`
}

func pushBounded(req *http.Request) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, _ = plainDoer(ctx, req)
}

func pushNow(req *http.Request) { _, _ = plainDoer(context.Background(), req) }
