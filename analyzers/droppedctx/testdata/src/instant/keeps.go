package instant

import (
	"context"
	"database/sql"
	"time"
)

type watcher struct {
	db  *sql.DB
	ctx context.Context
}

// start keeps ctx for a goroutine that lives as long as the process.
func (w *watcher) start(ctx context.Context) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Minute):
				_ = w.db.PingContext(ctx)
			}
		}
	}()
}

// bind keeps ctx in a field, for later calls.
func (w *watcher) bind(ctx context.Context) { w.ctx = ctx }

// reload uses ctx only while it runs.
func (w *watcher) reload(ctx context.Context) error { return w.db.PingContext(ctx) }

func Setup(ctx context.Context, w *watcher) error {
	w.start(context.Background())   // ok: the watcher outlives the start-up context
	w.bind(context.Background())    // ok: kept for later
	return w.reload(context.TODO()) // want `context.TODO discards the context in scope \(ctx\)`
}
