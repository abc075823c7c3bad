// Package logshape has a logger of its own, as projects that fork glog
// do: its calls have context variants, and are log calls by their shape.
package logshape

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sync"
)

var (
	mu  sync.Mutex
	out = os.Stderr
)

func Errorf(format string, args ...any) {
	mu.Lock()
	defer mu.Unlock()
	fmt.Fprintf(out, format, args...)
}

func ErrorfCtx(ctx context.Context, format string, args ...any) { Errorf(format, args...) }

type Verbose bool

func V(level int) Verbose { return level < 2 }

func (v Verbose) Infof(format string, args ...any) {
	if v {
		Errorf(format, args...)
	}
}

func (v Verbose) InfofCtx(ctx context.Context, format string, args ...any) { v.Infof(format, args...) }

// Sync sends its arguments to a peer, and has a context variant: no log call.
func Sync(args ...any) error { return SyncCtx(context.Background(), args...) } // want Sync:"drops context: calls context.Background"

func SyncCtx(ctx context.Context, args ...any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://peer/sync", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func handle(w http.ResponseWriter, r *http.Request) {
	Errorf("failed: %v", r.URL)     // ok: a log call, by its shape (logging is opt-in)
	V(1).Infof("serving %v", r.URL) // ok: the same
	_ = Sync(r.URL)                 // want `logshape.Sync ignores the context in scope`
}
