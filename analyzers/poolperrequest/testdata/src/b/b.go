// Package b builds pools through helpers of another package.
package b

import (
	"net/http"
	"time"

	"example.com/httpx"
)

func perRequest(w http.ResponseWriter, r *http.Request) {
	c := httpx.NewClient() // want `http.Transport from httpx.NewClient built per request: every call dials new connections and idle ones leak; build it once and share it`
	_, _ = c.Get("http://inventory/")
}

func sharedPerRequest(w http.ResponseWriter, r *http.Request) {
	c := httpx.Shared() // ok: the same client every time
	_, _ = c.Get("http://inventory/")
}

func perTick(t *time.Ticker) {
	for range t.C {
		c := httpx.NewClient() // want `http.Transport from httpx.NewClient built in every loop iteration`
		_, _ = c.Get("http://inventory/")
	}
}

type api struct{ hc *http.Client }

func newAPI() *api {
	return &api{hc: httpx.NewClient()} // ok: built once, kept in the api
}

func (a *api) get(w http.ResponseWriter, r *http.Request) {
	_, _ = a.hc.Get("http://inventory/")
}

// helper builds a pool per call and drops it; its callers need not be seen.
func helper(url string) {
	c := httpx.NewClient() // want `http.Transport from httpx.NewClient built per call of b.helper`
	_, _ = c.Get(url)
}
