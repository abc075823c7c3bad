package lockio

import "github.com/conclint/conclint/internal/rule"

// The rule IDs lockio reports under (Diagnostic.Category).
const (
	ruleDeadlock = "lockio/deadlock"
	ruleRelock   = "lockio/relock"
	ruleIO       = "lockio/io"
	ruleSend     = "lockio/send"
)

// Rules documents lockio's rules; it is their one source (README,
// docs/rules.md, -explain and SARIF are generated from it).
func Rules() []rule.Rule {
	return []rule.Rule{{
		ID:    ruleDeadlock,
		Title: "a lock held across a wait whose other side locks the same mutex first",
		Why:   "The goroutine that would end the wait needs the lock the waiter holds: neither can go on.",
		Bad: `s.mu.Lock()
go func() { s.mu.Lock(); s.n++; s.mu.Unlock(); done <- true }()
<-done // the goroutine waits for s.mu
s.mu.Unlock()`,
		Good: `go func() { s.mu.Lock(); s.n++; s.mu.Unlock(); done <- true }()
<-done
s.mu.Lock()
s.mu.Unlock()`,
		NotReported: []string{
			"waits whose other side never takes the lock (shutdown, a throttle, a worker)",
			"locks taken on some paths only",
		},
		Since: rule.FirstRelease,
	}, {
		ID:    ruleRelock,
		Title: "a mutex locked again, directly or through a call, while already held",
		Why:   "Go's mutexes are not reentrant: a second Lock deadlocks at once, a second RLock once a writer waits between the two.",
		Bad: `func (c *Cache) Refresh() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Len() // Len locks c.mu too
}`,
		Good: `func (c *Cache) Refresh() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lenLocked()
}`,
		NotReported: []string{"a lock released before the point on some path, or by a function literal the function may call"},
		Since:       rule.FirstRelease,
	}, {
		ID:    ruleIO,
		Title: "a lock held across a network or database round trip",
		Why:   "Every goroutine that needs the lock waits on the slowest peer.",
		Bad: `c.mu.Lock()
defer c.mu.Unlock()
resp, err := c.client.Do(req)`,
		Good: `c.mu.Lock()
item, ok := c.items[key]
c.mu.Unlock()
if !ok {
	resp, err := c.client.Do(req)
	…
}`,
		NotReported: []string{
			"reads and writes on an open connection (the lock may keep one stream whole; it may be a net.Pipe)",
			"constructors, one-time fills (if c.conn == nil { c.conn, err = net.Dial(…) }) and lifecycle steps (Close, Stop, Shutdown, reloads)",
		},
		Options: []string{"io"},
		OptIn:   "io",
		Since:   rule.FirstRelease,
	}, {
		ID:    ruleSend,
		Title: "a lock held across a send on a channel handed out to callers",
		Why:   "One slow receiver outside the package stalls every goroutine that needs the lock.",
		Bad: `s.mu.Lock()
for _, sub := range s.subs {
	sub <- ev // a channel returned by Subscribe
}
s.mu.Unlock()`,
		Good: `s.mu.Lock()
subs := slices.Clone(s.subs)
s.mu.Unlock()
for _, sub := range subs {
	select {
	case sub <- ev:
	default: // drop for a slow subscriber
	}
}`,
		NotReported: []string{
			"sends in a select with a default or timer case",
			"sends on channel parameters, on channels only the package receives from, on slots made with room for their value",
		},
		Options: []string{"send"},
		OptIn:   "send",
		Since:   rule.FirstRelease,
	}}
}
