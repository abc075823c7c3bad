package instant

import "context"

// Logging is a project's own logger interface: its calls take a context
// only to carry values.
type Logging interface {
	Printf(ctx context.Context, format string, v ...any)
}

var logger Logging

// A hook through an interface that may do anything with the context.
type Notifier interface {
	Notify(ctx context.Context, msg string)
}

type pool struct {
	notifier Notifier
	idle     []int
}

func (p *pool) recordConnectionMetrics(ctx context.Context, n int) {
	p.notifier.Notify(ctx, "metrics")
}

// Near miss: the root context reaches only a log line and a metric.
func (p *pool) popIdle() int {
	if len(p.idle) == 0 {
		logger.Printf(context.Background(), "no idle connection")
		p.recordConnectionMetrics(context.Background(), 0)
		return -1
	}
	return p.idle[0]
}

// popNotified hands its root context to a hook that may wait.
func (p *pool) popNotified() int {
	p.notifier.Notify(context.Background(), "pop")
	return p.popIdle()
}

func (p *pool) Get(ctx context.Context) int {
	_ = p.popNotified() // want `pool.popNotified drops the caller's context`
	return p.popIdle()
}

// A metric callback and a hook, both held in function values.
var (
	metricConnCountCallback func(ctx context.Context, delta int)
	onConnHook              func(ctx context.Context, delta int)
)

func getMetricConnCountCallback() func(ctx context.Context, delta int) {
	return metricConnCountCallback
}

// Near miss: the root context reaches only a metric callback.
func (p *pool) trackConn() {
	if cb := getMetricConnCountCallback(); cb != nil {
		cb(context.Background(), 1)
	}
	metricConnCountCallback(context.Background(), 1)
}

// untrackConn hands its root context to a hook that may do anything.
func (p *pool) untrackConn() {
	onConnHook(context.Background(), -1)
}

func (p *pool) Put(ctx context.Context) {
	p.trackConn()
	p.untrackConn() // want `pool.untrackConn drops the caller's context`
}
