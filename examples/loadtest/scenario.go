package main

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// scenario measures one family of conclint findings: the same load on the
// naive shop, where conclint reports that family, and on the fixed one.
type scenario struct {
	Name     string // the analyzer whose finding it measures
	Route    string // the shop's route it drives
	Shows    string // what the finding costs, in a few words
	Backends backendSpec
	Load     loadSpec
	Request  func(key string, seq int, o options) request
	Headline metric // the figure its summary chart and table show
	Timeline series // the series its timeline chart shows
}

// scenarios are in the order of the README's table.
var scenarios = []scenario{
	{
		Name:     "seqio",
		Route:    "GET /products/{sku}",
		Shows:    "two independent reads in a row: latency is their sum, not their maximum",
		Backends: backendSpec{Latency: 20 * time.Millisecond, Jitter: 5 * time.Millisecond, DBConns: 64},
		Load:     loadSpec{CancelShare: 0.05, CancelWithin: 40 * time.Millisecond},
		Request:  func(key string, _ int, _ options) request { return request{http.MethodGet, "/products/" + key, ""} },
		Headline: p50,
		Timeline: okSeries,
	},
	{
		Name:  "droppedctx",
		Route: "GET /orders/{id}, POST /orders",
		Shows: "dropped contexts: work for clients that left holds the database pool",
		// A pool of 8 database connections is the bottleneck, as in a
		// real service; clients give up after 100ms, and a third of them
		// leave sooner.
		Backends: backendSpec{Latency: 10 * time.Millisecond, Jitter: 5 * time.Millisecond, DBConns: 8},
		Load:     loadSpec{Patience: 100 * time.Millisecond, CancelShare: 0.3, CancelWithin: 30 * time.Millisecond},
		Request: func(key string, seq int, _ options) request {
			if seq%2 == 0 {
				return request{http.MethodGet, "/orders/" + key, ""}
			}
			return request{http.MethodPost, "/orders", fmt.Sprintf(`{"ID":%q}`, key)}
		},
		Headline: orphaned,
		Timeline: okSeries,
	},
	{
		Name:  "handlerblock",
		Route: "POST /stock/{sku}/restock",
		Shows: "a send that ignores cancellation: handlers pile up behind a busy worker",
		// The restocking worker takes one request per 10ms warehouse call;
		// clients come faster and give up after 100ms.
		Backends: backendSpec{Latency: 10 * time.Millisecond, DBConns: 8},
		Load:     loadSpec{Patience: 100 * time.Millisecond},
		Request: func(key string, _ int, _ options) request {
			return request{http.MethodPost, "/stock/" + key + "/restock", ""}
		},
		Headline: goroutinesLeft,
		Timeline: goroutineSeries,
	},
	{
		Name:     "lockio",
		Route:    "GET /stock/{sku}/level",
		Shows:    "a mutex held across a backend call: one request at a time",
		Backends: backendSpec{Latency: 20 * time.Millisecond, Jitter: 5 * time.Millisecond, DBConns: 8},
		Load:     loadSpec{CancelShare: 0.05, CancelWithin: 40 * time.Millisecond},
		Request: func(key string, _ int, _ options) request {
			return request{http.MethodGet, "/stock/" + key + "/level", ""}
		},
		Headline: rps,
		Timeline: okSeries,
	},
	{
		Name:  "poolperrequest",
		Route: "POST /stock/{sku}/reserve",
		Shows: "a Transport per request: a TLS dial per call, idle connections leak",
		// The request budget bounds the leaked connections (two file
		// descriptors each, both ends being in this process).
		Backends: backendSpec{Latency: 5 * time.Millisecond, Jitter: time.Millisecond, DBConns: 8, TLS: true},
		Load:     loadSpec{Clients: 16, MaxRequests: 3000},
		Request: func(key string, _ int, _ options) request {
			return request{http.MethodPost, "/stock/" + key + "/reserve", ""}
		},
		Headline: dials,
		Timeline: goroutineSeries,
	},
	{
		Name:     "unboundedgo",
		Route:    "GET /reprice?id=…",
		Shows:    "a goroutine per id of a large request: goroutines and memory",
		Backends: backendSpec{Latency: 10 * time.Millisecond, Jitter: 2 * time.Millisecond, DBConns: 8},
		Load:     loadSpec{Clients: 8},
		Request: func(key string, _ int, o options) request {
			var q strings.Builder
			for i := range o.IDs {
				if i > 0 {
					q.WriteByte('&')
				}
				fmt.Fprintf(&q, "id=%s.%d", key, i)
			}
			return request{http.MethodGet, "/reprice?" + q.String(), ""}
		},
		Headline: goroutinesPeak,
		Timeline: goroutineSeries,
	},
	{
		Name:  "notimeout",
		Route: "GET /stock/{sku}",
		Shows: "no timeouts: a stuck backend holds every client; slow headers hold connections",
		// One warehouse read in 50 never answers. Clients wait as long as
		// it takes, and 64 connections send their headers slowly.
		Backends: backendSpec{Latency: 10 * time.Millisecond, Jitter: 2 * time.Millisecond, DBConns: 8, Stall: 0.02},
		Load:     loadSpec{SlowHeaderConns: 64},
		Request:  func(key string, _ int, _ options) request { return request{http.MethodGet, "/stock/" + key, ""} },
		Headline: rps,
		Timeline: okSeries,
	},
}

func scenarioNamed(name string) (scenario, bool) {
	for _, sc := range scenarios {
		if sc.Name == name {
			return sc, true
		}
	}
	return scenario{}, false
}
