package cancel

import (
	"context"
	"net/http"
	"time"
)

func probe() {}

// Exported: callers are unknown, so someone may cancel.
func Run(ctx context.Context) {
	probe() // want "ctx cancellable"
}

// startup is only ever given Background: nobody cancels its context.
func startup(ctx context.Context) {
	probe() // want "ctx not cancellable"
	watch(ctx)
	inner, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_ = inner
	probe() // want "inner cancellable"
	val := context.WithValue(ctx, key{}, 1)
	probe() // want "val not cancellable"
	_ = val
}

type key struct{}

// watch is reached only from startup, with its context.
func watch(ctx context.Context) {
	probe() // want "ctx not cancellable"
}

func Main() {
	startup(context.Background())
	bg := context.TODO()
	startup(bg)
}

// serve is given a request's context by one caller of two.
func serve(ctx context.Context) {
	probe() // want "ctx cancellable"
}

func Handler(w http.ResponseWriter, r *http.Request) {
	probe() // want "r.Context\\(\\) cancellable"
	serve(r.Context())
}

func Boot() { serve(context.Background()) }

// stored escapes as a value: its callers are unknown.
func stored(ctx context.Context) {
	probe() // want "ctx cancellable"
}

var hook = stored

// detached contexts are not in scope at all.
func detach(ctx context.Context) {
	d := context.WithoutCancel(ctx)
	_ = d
	probe() // want "ctx cancellable"
}

// worker's method may be called through the package's interface.
type runner interface{ run(ctx context.Context) }

type worker struct{}

func (worker) run(ctx context.Context) {
	probe() // want "ctx cancellable"
}

func (w worker) loop(ctx context.Context) {
	probe() // want "ctx not cancellable"
}

func Start() {
	var w worker
	w.loop(context.Background())
	w.run(context.Background())
}

// Relay overwrites its parameter with a context only a deferred cancel
// ends: nothing ends it while the function runs.
func Relay(ctx context.Context) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	probe() // want "ctx not cancellable"
}

// RelayStopped hands its cancel on: someone may call it early.
func RelayStopped(ctx context.Context, stop chan func()) {
	ctx, cancel := context.WithCancel(context.Background())
	stop <- cancel
	probe() // want "ctx cancellable"
}

// Rebind reads its parameter before it replaces it: callers' contexts count.
func Rebind(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	probe() // want "ctx cancellable"
}

// Local's contexts made from Background and cancelled only by defer, or
// with the cancel discarded, end with the function, not before.
func Local() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	deferredOnly(ctx)
	dctx, _ := context.WithCancel(context.Background())
	deferredOnly(dctx)
	tctx, tcancel := context.WithTimeout(context.Background(), time.Second)
	defer tcancel()
	timed(tctx)
}

func deferredOnly(ctx context.Context) {
	probe() // want "ctx not cancellable"
}

func timed(ctx context.Context) {
	probe() // want "ctx cancellable"
}

// Called cancels in its body: the wait may be cut short.
func Called() {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		cancel()
	}()
	cancelledEarly(ctx)
}

func cancelledEarly(ctx context.Context) {
	probe() // want "ctx cancellable"
}

type span struct{}

func startSpan(ctx context.Context, name string) (context.Context, span) { return ctx, span{} }

func withStop(ctx context.Context) (context.Context, func()) { return ctx, func() {} }

// Traced derives contexts from Background: one only carries values, the
// other comes with a stop func.
func Traced() {
	ctx := context.Background()
	ctx, _ = startSpan(ctx, "x")
	traced(ctx)
	sctx, stop := withStop(context.Background())
	defer stop()
	stoppable(sctx)
}

func traced(ctx context.Context) {
	probe() // want "ctx not cancellable"
}

func stoppable(ctx context.Context) {
	probe() // want "ctx cancellable"
}
