package a

import (
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"net"
	"net/http"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"example.com/svc"
)

type event struct{ ID string }

func publish(e event)                            { _ = svc.Call(e.ID) }
func fetch(ctx context.Context, id string) error { return svc.Call(id) }

// The collections the functions of this package range over come from a
// request: feed, a handler, decodes them and passes them on. Without such
// a caller they would be as big as some unknown caller makes them, and
// nothing would be reported (see unknownCaller in provenance.go).

type input struct {
	Events  []event
	IDs     []string
	ByID    map[string]event
	Batches [][]event
	Reqs    []batchRequest
	Peers   []string
}

func feed(w http.ResponseWriter, r *http.Request) {
	var in input
	_ = json.NewDecoder(r.Body).Decode(&in)
	ctx := r.Context()
	sliceRange(in.Events)
	countToLen(in.Events)
	countToLenVar(in.Events)
	rangeLen(in.Events)
	mapKeys(in.ByID)
	nested(in.Batches)
	errgroupField(&service{}, in.IDs)
	_ = withSetLimit(ctx, in.IDs)
	semaphoreChannel(in.Events)
	semaphoreInside(in.Events)
	weightedSemaphore(ctx, in.IDs)
	firstOnly(in.Events)
	groupFromCaller(&errgroup.Group{}, in.IDs)
	_ = groupEscapes(in.IDs)
	batched(in.Events)
	sequential(in.Events)
	suppressed(in.Events)
	startPeers(&config{Peers: in.Peers})
	notifyAll(nil, in.Events[0])
	labelsInMemory(in.Events)
	labelsThroughIO(in.Events)
	describeAll(ctx, nil, in.IDs)
	formatAll(nil, in.Events)
	spawnsPerItem(in.Events)
	closureSemaphore(ctx, in.IDs)
	closureUnlimited(ctx, in.IDs)
	semaphorePerRequest(ctx, in.Reqs)
	semaphorePerRequestJoined(ctx, in.Reqs)
	limitedGroupPerItem(ctx, in.Reqs)
	sharedSemaphorePerItem(ctx, in.Reqs)
	fromConfigString(ctx, &config{Upstreams: r.FormValue("u")}, r.FormValue("u"))
}

// Positives.

func sliceRange(events []event) {
	for _, e := range events {
		go publish(e) // want `one goroutine per element of events with no limit; bound it with errgroup.SetLimit or a semaphore`
	}
}

func channelRange(jobs <-chan event) {
	for j := range jobs {
		go publish(j) // want `one goroutine per value received from jobs with no limit`
	}
}

func handler(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	for _, id := range r.URL.Query()["id"] {
		wg.Add(1)
		go func() { // want `one goroutine per element of r.URL.Query\(\)\["id"\] with no limit`
			defer wg.Done()
			_ = fetch(r.Context(), id)
		}()
	}
	wg.Wait()
}

func handlerAllValues(w http.ResponseWriter, r *http.Request) {
	for key := range r.URL.Query() {
		go fetch(context.Background(), key) // want `one goroutine per element of r.URL.Query\(\) with no limit`
	}
}

func receiveLoop(ctx context.Context, jobs chan event) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-jobs:
			go publish(j) // want `one goroutine per value received from jobs with no limit`
		}
	}
}

func countToLen(items []event) {
	for i := 0; i < len(items); i++ {
		go publish(items[i]) // want `one goroutine per element of items with no limit`
	}
}

func countToLenVar(items []event) {
	n := len(items)
	for i := 0; i < n; i++ {
		go publish(items[i]) // want `one goroutine per element of items with no limit`
	}
}

func rangeLen(items []event) {
	for i := range len(items) {
		go publish(items[i]) // want `one goroutine per element of items with no limit`
	}
}

func rowsLoop(rows *sql.Rows) {
	for rows.Next() {
		var e event
		_ = rows.Scan(&e.ID)
		go publish(e) // want `one goroutine per row of rows with no limit`
	}
}

func mapKeys(byID map[string]event) {
	for id := range maps.Keys(byID) {
		go fetch(context.Background(), id) // want `one goroutine per element of byID with no limit`
	}
}

func nested(batches [][]event) {
	for _, batch := range batches {
		for i := 0; i < 3; i++ {
			go publish(batch[i]) // want `one goroutine per element of batches with no limit`
		}
	}
}

func errgroupField(s *service, ids []string) {
	s.g.Go(func() error { return nil }) // not in a loop
	for _, id := range ids {
		g := s.g
		g.Go(func() error { return fetch(context.Background(), id) }) // a copy of a field, limited elsewhere
	}
}

// Near misses.

type service struct {
	g       *errgroup.Group
	workers int
	jobs    chan event
}

func withSetLimit(ctx context.Context, ids []string) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for _, id := range ids {
		g.Go(func() error { return fetch(ctx, id) })
	}
	return g.Wait()
}

func semaphoreChannel(events []event) {
	sem := make(chan struct{}, 8)
	for _, e := range events {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			publish(e)
		}()
	}
}

func semaphoreInside(events []event) {
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for _, e := range events {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			publish(e)
		}()
	}
	wg.Wait()
}

func weightedSemaphore(ctx context.Context, ids []string) {
	sem := semaphore.NewWeighted(8)
	for _, id := range ids {
		if err := sem.Acquire(ctx, 1); err != nil {
			return
		}
		go func() {
			defer sem.Release(1)
			_ = fetch(ctx, id)
		}()
	}
}

func numCPUPool(jobs chan event) {
	for i := 0; i < runtime.NumCPU(); i++ {
		go func() {
			for j := range jobs {
				publish(j)
			}
		}()
	}
}

func gomaxprocsPool(jobs chan event) {
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for j := range jobs {
				publish(j)
			}
		}()
	}
}

func (s *service) configuredPool() {
	for i := 0; i < s.workers; i++ {
		go s.worker()
	}
}

func (s *service) worker() {
	for {
		select {
		case j := <-s.jobs:
			publish(j)
		}
	}
}

func (s *service) lenBoundedWorkers(shards []chan event) {
	for i := 0; i < len(shards); i++ {
		go s.drain(shards[i])
	}
}

func (s *service) drain(jobs chan event) {
	for j := range jobs {
		publish(j)
	}
}

func constantBound(e event) {
	for i := 0; i < 4; i++ {
		go publish(e)
	}
}

func acceptLoop(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go serve(c)
	}
}

func serve(c net.Conn) {}

func connsFromChannel(conns chan net.Conn) {
	for c := range conns {
		go serve(c)
	}
	for {
		c := <-conns
		go serve(c)
	}
}

func fixedArray(parts [4]event) {
	for _, p := range parts {
		go publish(p)
	}
	for _, p := range &parts {
		go publish(p)
	}
}

var regions = []string{"eu", "us", "ap"}

func fixedLists() {
	for _, r := range []string{"a", "b"} {
		go fetch(context.Background(), r)
	}
	names := []string{"x", "y"}
	for _, n := range names {
		go fetch(context.Background(), n)
	}
	for _, r := range regions {
		go fetch(context.Background(), r)
	}
}

func firstOnly(events []event) {
	for _, e := range events {
		if e.ID != "" {
			go publish(e)
			break
		}
	}
}

func groupFromCaller(g *errgroup.Group, ids []string) {
	for _, id := range ids {
		g.Go(func() error { return fetch(context.Background(), id) })
	}
}

func groupEscapes(ids []string) error {
	var g errgroup.Group
	configure(&g)
	for _, id := range ids {
		g.Go(func() error { return fetch(context.Background(), id) })
	}
	return g.Wait()
}

func configure(g *errgroup.Group) { g.SetLimit(4) }

func ticker(t *time.Ticker, done chan struct{}) {
	for range t.C {
		go publish(event{})
	}
	for range done {
		go publish(event{})
	}
}

func batched(events []event) {
	var wg sync.WaitGroup
	for i, e := range events {
		wg.Add(1)
		go func() { defer wg.Done(); publish(e) }()
		if i%16 == 15 {
			wg.Wait()
		}
	}
}

func sequential(events []event) {
	done := make(chan bool)
	for _, e := range events {
		go func() { publish(e); done <- true }()
		<-done
	}
}

func retries(attempts int, e event) {
	for i := 0; i < attempts; i++ {
		go publish(e)
	}
}

func suppressed(events []event) {
	for _, e := range events {
		//conclint:ignore unboundedgo events holds at most three entries
		go publish(e)
	}
}

// Collections from set-up, not input.

type app struct {
	listeners []net.Listener
	stages    []func()
	actions   map[string][]func()
}

type fanout []func()

func (f fanout) run() {
	for _, s := range f {
		go s()
	}
}

func (a *app) serveAll() {
	for _, l := range a.listeners {
		go acceptLoop(l)
	}
	ls := a.listeners
	for _, l := range ls {
		go acceptLoop(l)
	}
	for _, fs := range a.actions {
		for _, f := range fs {
			go f()
		}
	}
}

type config struct {
	Peers     []string
	Upstreams string
}

func startPeers(cfg *config) {
	for _, p := range cfg.Peers {
		go fetch(context.Background(), p)
	}
}

// Input reached through fields.

type batchRequest struct{ Items []string }

func batchHandler(w http.ResponseWriter, r *http.Request) {
	var req batchRequest
	_ = decode(r, &req)
	for _, it := range req.Items {
		go fetch(r.Context(), it) // want `one goroutine per element of req.Items with no limit`
	}
}

func decode(r *http.Request, v any) error { return nil }

func (a *app) fromCall(ctx context.Context, list func(context.Context) []string) {
	items := list(ctx) // a func value handed a context: a client the model cannot see into
	for _, it := range items {
		go fetch(ctx, it) // want `one goroutine per element of items with no limit`
	}
}

// Lists of code, not data.

type notifier interface{ Notify(event) }

func parallel(fns ...func()) {
	for _, fn := range fns {
		go fn()
	}
}

func notifyAll(ns []notifier, e event) {
	for _, n := range ns {
		go n.Notify(e)
	}
}

func onceRecovered(entries chan []event, recovered func() bool) {
	for batch := range entries {
		if len(batch) == 0 && recovered() {
			go publish(event{}) // a one-off under a condition: it does not use the item
		}
	}
}

func (a *app) names() []string { return nil }

func (a *app) watchAll(ctx context.Context) {
	for _, ns := range a.names() {
		go fetch(ctx, ns) // a getter of the receiver's configuration
	}
}

// Near miss: each goroutine takes a buffer from a pool of eight and gives
// it back when done: the pool bounds them.
func bufferPool(events []event) {
	buffers := make(chan []byte, 8)
	for range 8 {
		buffers <- make([]byte, 1024)
	}
	for _, e := range events {
		var buf []byte
		select {
		case buf = <-buffers:
		}
		go func() {
			defer func() { buffers <- buf }()
			_ = buf
			publish(e)
		}()
	}
}

// The goroutine per job received hands its result on, not the job back.
func perJob(jobs <-chan event, results chan<- string) {
	for {
		e := <-jobs
		go func() { // want `one goroutine per`
			publish(e)
			results <- e.ID
		}()
	}
}
