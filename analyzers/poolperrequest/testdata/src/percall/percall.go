// Package percall is checked with the default options: a pool per call
// of a function is reported only with -poolperrequest.call.
package percall

import (
	"net/http"
	"time"
)

// Near miss by default: whoever calls sendReport, maybe once a day, gets a
// new Transport; only -poolperrequest.call reports it.
func sendReport(url string) error {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func Report(url string) error { return sendReport(url) }

// A Transport built per request is reported by default.
func Handle(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &http.Transport{}} // want `http.Transport built per request`
	resp, err := c.Get("http://backend/")
	if err == nil {
		resp.Body.Close()
	}
}

// A function that builds a Transport per call, called once per link of a
// loop (in a goroutine per link) or by a handler per request: the call
// site is the evidence that -poolperrequest.call does without.
func headStatus(url string) (int, error) {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Head(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func CheckLinks(links []string) []int {
	codes := make([]int, len(links))
	done := make(chan bool)
	for i, link := range links {
		go func() {
			codes[i], _ = headStatus(link) // want `http.Transport built by percall.headStatus on every call, and this loop calls it once per iteration: every call dials new connections and idle ones leak; build it once and share it`
			done <- true
		}()
	}
	for range links {
		<-done
	}
	return codes
}

func Status(w http.ResponseWriter, r *http.Request) {
	_, _ = headStatus(r.URL.Query().Get("url")) // want `http.Transport built by percall.headStatus on every call, and this handler calls it per request`
}

// Near miss: called once, outside any loop or request.
func CheckHome() (int, error) { return headStatus("https://example.com/") }

// Near miss: a function that returns the pool it builds hands it on; the
// caller's loop keeps them (a pool per target).
func newClient() *http.Client { return &http.Client{Transport: &http.Transport{}} }

func Clients(targets []string) map[string]*http.Client {
	m := make(map[string]*http.Client)
	for _, t := range targets {
		m[t] = newClient()
	}
	return m
}

// Near miss: with keep-alives off a Transport pools nothing; sharing it
// would reuse no connection either.
func Fetch(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := c.Get("http://backend/")
	if err == nil {
		resp.Body.Close()
	}
}

// An IdleConnTimeout closes the idle connections in time: the cost left is
// the new dial per request.
func Relay(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &http.Transport{IdleConnTimeout: 30 * time.Second}} // want `http.Transport built per request: every call dials new connections instead of reusing pooled ones; build it once and share it`
	resp, err := c.Get("http://backend/")
	if err == nil {
		resp.Body.Close()
	}
}

// A helper's Transport with an IdleConnTimeout closes its idle connections
// too: the cost left is the new dial per request.
func newTimedClient() *http.Client {
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: 30 * time.Second}}
}

func Timed(w http.ResponseWriter, r *http.Request) {
	c := newTimedClient() // want `http.Transport from percall.newTimedClient built per request: every call dials new connections instead of reusing pooled ones`
	resp, err := c.Get("http://backend/")
	if err == nil {
		resp.Body.Close()
	}
}
