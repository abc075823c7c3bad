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
