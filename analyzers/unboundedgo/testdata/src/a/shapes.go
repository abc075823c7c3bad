package a

import (
	"bufio"
	"context"
	"flag"
	"net/http"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"example.com/svc"
)

// Only computation on data in memory: a limit adds nothing.

func labelsInMemory(events []event) map[string]string {
	var mu sync.Mutex
	labels := make(map[string]string)
	for _, e := range events {
		go func() {
			mu.Lock()
			labels[e.ID] = strings.ToUpper(e.ID)
			mu.Unlock()
		}()
	}
	return labels
}

func labelsThroughIO(events []event) {
	for _, e := range events {
		go func() { // want `one goroutine per element of events with no limit`
			_ = strings.ToUpper(e.ID)
			publish(e)
		}()
	}
}

// A client behind an interface: a call with a context may be remote.

type describer interface {
	Describe(ctx context.Context, id string) error
}

type formatter interface {
	Format(e event) string
}

func describeAll(ctx context.Context, d describer, ids []string) {
	for _, id := range ids {
		go d.Describe(ctx, id) // want `one goroutine per element of ids with no limit`
	}
}

func formatAll(f formatter, events []event) {
	for _, e := range events {
		go f.Format(e) // no context: an in-memory formatter
	}
}

// More goroutines per item.

func spawnsPerItem(events []event) {
	for _, e := range events {
		go func() { // want `one goroutine per element of events with no limit`
			for i := range 3 {
				go func() { _ = strings.Repeat(e.ID, i) }()
			}
		}()
	}
}

// A limiter inside a local closure started with go f(…).

func closureSemaphore(ctx context.Context, ids []string) {
	sem := make(chan struct{}, 8)
	work := func(id string) {
		sem <- struct{}{}
		defer func() { <-sem }()
		_ = fetch(ctx, id)
	}
	for _, id := range ids {
		go work(id)
	}
}

func closureUnlimited(ctx context.Context, ids []string) {
	work := func(id string) { _ = fetch(ctx, id) }
	for _, id := range ids {
		go work(id) // want `one goroutine per element of ids with no limit`
	}
}

// Input read until EOF.

func readLines(ctx context.Context, r *bufio.Reader) {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		go fetch(ctx, line) // want `one goroutine per value read by r.ReadString with no limit`
	}
}

func readLinesInOrder(ctx context.Context, r *bufio.Reader) {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		_ = fetch(ctx, line)
	}
}

type eventStream interface {
	Recv() (*event, error)
}

func recvLoop(s eventStream) {
	for {
		e, err := s.Recv()
		if err != nil {
			return
		}
		go publish(*e) // want `one goroutine per value read by s.Recv with no limit`
	}
}

func recvLoopWithSemaphore(s eventStream) {
	sem := make(chan struct{}, 8)
	for {
		e, err := s.Recv()
		if err != nil {
			return
		}
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			publish(*e)
		}()
	}
}

// A bounded inner fan-out inside an unbounded outer loop multiplies.

func semaphorePerRequest(ctx context.Context, reqs []batchRequest) {
	for _, req := range reqs {
		sem := make(chan struct{}, 4)
		for _, it := range req.Items {
			sem <- struct{}{}
			go func() { // want `one goroutine per element of reqs with no limit`
				defer func() { <-sem }()
				_ = fetch(ctx, it)
			}()
		}
	}
}

func semaphorePerRequestJoined(ctx context.Context, reqs []batchRequest) {
	for _, req := range reqs {
		sem := make(chan struct{}, 4)
		var wg sync.WaitGroup
		for _, it := range req.Items {
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				_ = fetch(ctx, it)
			}()
		}
		wg.Wait() // one request at a time
	}
}

func limitedGroupPerItem(ctx context.Context, reqs []batchRequest) {
	var wg sync.WaitGroup
	for _, req := range reqs {
		wg.Add(1)
		go func() { // want `one goroutine per element of reqs with no limit`
			defer wg.Done()
			g, ctx := errgroup.WithContext(ctx)
			g.SetLimit(4)
			for _, it := range req.Items {
				g.Go(func() error { return fetch(ctx, it) })
			}
			_ = g.Wait()
		}()
	}
	wg.Wait()
}

func sharedSemaphorePerItem(ctx context.Context, reqs []batchRequest) {
	sem := make(chan struct{}, 4)
	for _, req := range reqs {
		go func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			for _, it := range req.Items {
				_ = fetch(ctx, it)
			}
		}()
	}
}

// Lists the operator configures: flags and split configuration strings.

func fromFlags(ctx context.Context) {
	for _, addr := range flag.Args() {
		go fetch(ctx, addr)
	}
}

func fromConfigString(ctx context.Context, cfg *config, upstreams string) {
	for _, addr := range strings.Split(cfg.Upstreams, ",") {
		go fetch(ctx, addr)
	}
	for _, addr := range strings.Split(upstreams, ",") {
		go fetch(ctx, addr) // a few upstream addresses: the operator bounds them
	}
}

func idsFromForm(w http.ResponseWriter, r *http.Request) {
	for _, id := range strings.Split(r.FormValue("ids"), ",") {
		go fetch(r.Context(), id) // want `one goroutine per element of strings.Split\(r.FormValue\("ids"\), ","\) with no limit`
	}
}

type peerClient interface {
	Fetch(peer string) (event, error)
}

func fetchPerPeer(cfg *config, pc peerClient) {
	for _, peer := range cfg.Peers {
		e, err := pc.Fetch(peer) // one read per configured peer, not a stream
		if err != nil {
			continue
		}
		go publish(e)
	}
}

// Settings read from a configuration provider, possibly deduplicated.

type provider struct{}

// Both read the store: the configuration lives there too.
func (provider) WellKnownKeys(ctx context.Context) []string { ids, _ := svc.List(ctx); return ids }
func (provider) PendingKeys(ctx context.Context) []string   { ids, _ := svc.List(ctx); return ids }

type registry interface {
	Config() provider
	Store() provider
}

func unique(list []string) []string { return list }

func keysFromConfig(ctx context.Context, r registry) {
	for _, set := range unique(r.Config().WellKnownKeys(ctx)) {
		go fetch(ctx, set)
	}
	for _, set := range unique(r.Store().PendingKeys(ctx)) {
		go fetch(ctx, set) // want `one goroutine per element of unique\(r.Store\(\).PendingKeys\(ctx\)\) with no limit`
	}
}

// A producer takes a slot before it hands a task on, and the task's
// goroutine gives the slot back: the slots bound the goroutines.
type workQueue struct {
	tasks chan string
	slots chan struct{}
}

func (q *workQueue) reserve(ctx context.Context) {
	select {
	case q.slots <- struct{}{}:
	case <-ctx.Done():
	}
}

func (q *workQueue) release() { <-q.slots }

func (q *workQueue) finish() { println("task done") }

type taskWorker struct{ q *workQueue }

func (w *taskWorker) dispatch() {
	for t := range w.q.tasks {
		go func() {
			defer w.q.release()
			_ = fetch(context.Background(), t)
		}()
	}
}

// Near miss: the deferred call gives nothing back.
func (w *taskWorker) dispatchUnlimited() {
	for t := range w.q.tasks {
		go func() { // want `one goroutine per value received from w.q.tasks with no limit`
			defer w.q.finish()
			_ = fetch(context.Background(), t)
		}()
	}
}

// Only names found among the router's plugins start a goroutine: at most
// one per plugin, however many names come in.
type plugin struct{ id string }

type router struct{ plugins map[string]*plugin }

func (r *router) fanOut(ctx context.Context, names []string) {
	for _, name := range names {
		p, ok := r.plugins[name]
		if !ok {
			continue
		}
		go func() { _ = fetch(ctx, p.id) }()
	}
}

func (r *router) fanOutFound(ctx context.Context, names []string) {
	for _, name := range names {
		if p, ok := r.plugins[name]; ok {
			go func() { _ = fetch(ctx, p.id) }()
		}
	}
}

// Near miss: the map is built from the input, so it is as large as the
// input.
func fanOutIndexed(ctx context.Context, items []plugin, names []string) {
	byID := make(map[string]plugin)
	for _, it := range items {
		byID[it.id] = it
	}
	for _, name := range names {
		p, ok := byID[name]
		if !ok {
			continue
		}
		go func() { _ = fetch(ctx, p.id) }() // want `one goroutine per element of names with no limit`
	}
}

func routeNames(w http.ResponseWriter, r *http.Request) {
	rt := &router{}
	names := r.URL.Query()["name"]
	rt.fanOut(r.Context(), names)
	rt.fanOutFound(r.Context(), names)
	fanOutIndexed(r.Context(), nil, names)
}
