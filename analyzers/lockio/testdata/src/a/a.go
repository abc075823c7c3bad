package a

import (
	"net"
	"net/http"
	"sync"
	"time"

	"lib"
)

type Cache struct {
	mu       sync.Mutex
	rw       sync.RWMutex
	cond     *sync.Cond
	wg       sync.WaitGroup
	client   *http.Client
	items    map[string]string
	events   chan string
	state    struct{ mu sync.Mutex }
	ready    bool
	done     chan struct{}
	quit     chan struct{}
	finished chan struct{}
}

var mu sync.Mutex

// Held across blocking work.

func (c *Cache) Get(req *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	resp, err := c.client.Do(req) // want `c.mu is held across c.client.Do; every caller waits for this request, so unlock before the call`
	if err == nil {
		resp.Body.Close()
	}
}

func (c *Cache) Refresh(lc *lib.Client) {
	c.mu.Lock()
	lib.Pause()                   // want `c.mu is held across lib.Pause, which blocks on time.Sleep \(lib.go:\d+\); every caller waits for it`
	_ = lib.Refresh(lc)           // want `c.mu is held across lib.Refresh, which blocks on c.hc.Get \(lib.go:\d+\) through Client.Fetch`
	_ = lc.Fetch("http://x.test") // want `c.mu is held across lc.Fetch, which blocks on c.hc.Get`
	c.mu.Unlock()
}

func (c *Cache) Publish(s string) {
	c.state.mu.Lock()
	c.events <- s // want `c.state.mu is held across a send on c.events; every caller waits until the other side is ready`
	c.state.mu.Unlock()
}

func (c *Cache) Drain() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.wg.Wait() // want `c.mu is held across c.wg.Wait; every caller waits for those goroutines`
	select {    // want `c.mu is held across a select on c.events, c.done; every caller waits until a case is ready`
	case <-c.events:
	case <-c.done:
	}
}

func (c *Cache) Join() {
	c.mu.Lock()
	defer c.mu.Unlock()
	close(c.quit)
	<-c.finished // want `c.mu is held across a receive from c.finished; every caller waits for those goroutines`
}

func (c *Cache) worker() {
	defer close(c.finished)
	<-c.quit
}

func Nap() {
	mu.Lock()
	time.Sleep(time.Second) // want `mu is held across time.Sleep; every caller waits out the sleep`
	mu.Unlock()
}

func (c *Cache) Loop(reqs []*http.Request) {
	for _, req := range reqs {
		c.mu.Lock()
		if req == nil {
			c.mu.Unlock()
			continue
		}
		c.client.Do(req) // want `c.mu is held across c.client.Do`
		c.mu.Unlock()
	}
}

// Re-locking.

func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

func (c *Cache) size() int { return c.Len() }

func (c *Cache) Describe() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Len() // want `c.mu is locked again by c.Len \(a.go:\d+\) while already held, a self-deadlock`
}

func (c *Cache) Describe2() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size() // want `c.mu is locked again by c.size \(a.go:\d+\) while already held`
}

func Twice(c *Cache) {
	c.mu.Lock()
	c.mu.Lock() // want `c.mu is locked again while already held`
	c.mu.Unlock()
}

func CrossPackage(lc *lib.Client) int {
	lc.Lock()
	defer lc.Unlock()
	return lc.Count() // want `lc is locked again by lc.Count \(lib.go:\d+\) while already held`
}

// Near misses.

func (c *Cache) Lookup(k string) string {
	c.rw.RLock() // RLock around a map read
	defer c.rw.RUnlock()
	return c.items[k]
}

func (c *Cache) ReleaseFirst(req *http.Request) {
	c.mu.Lock()
	_ = c.items["x"]
	c.mu.Unlock() // released before the I/O
	c.client.Do(req)
}

func (c *Cache) TrySend(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	select { // a select with default does not block
	case c.events <- s:
	default:
	}
}

func (c *Cache) BoundedWait() {
	c.mu.Lock()
	defer c.mu.Unlock()
	select { // bounded by a timer case
	case <-c.events:
	case <-time.After(time.Second):
	}
}

type guardedConn struct {
	mu   sync.Mutex
	conn net.Conn
}

func (g *guardedConn) Write(b []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.conn.Write(b) // the lock keeps writes to one stream whole
}

func (c *Cache) Subscribe() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done = make(chan struct{}, 1) // made here, kept in a field
	c.done <- struct{}{}
	<-c.done
	return true
}

func (c *Cache) LocalChannel() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan int, 1) // made here
	ch <- 1
	return <-ch
}

func (c *Cache) UnlockInBranch(req *http.Request, fail bool) {
	c.mu.Lock()
	if fail {
		c.mu.Unlock()
		c.client.Do(req)
		return
	}
	c.mu.Unlock()
}

func (c *Cache) MaybeUnlocked(req *http.Request, early bool) {
	c.mu.Lock()
	if early {
		c.mu.Unlock()
	}
	c.client.Do(req) // not held on every path: silent
	if !early {
		c.mu.Unlock()
	}
}

func (c *Cache) Async(req *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	go c.client.Do(req)
	go func() { time.Sleep(time.Second) }()
	defer c.client.Do(req)
}

func (c *Cache) WaitReady() {
	c.mu.Lock()
	for !c.ready {
		c.cond.Wait() // releases c.mu while waiting
	}
	c.mu.Unlock()
}

func (c *Cache) ReadTwice() string {
	c.rw.RLock()
	defer c.rw.RUnlock()
	c.rw.RLock() // a second read lock: not reported
	defer c.rw.RUnlock()
	return c.items["x"]
}

func unlockAnd(m *sync.Mutex) { m.Unlock() }

func (c *Cache) PassLock(req *http.Request) {
	c.mu.Lock()
	unlockAnd(&c.mu) // the lock is passed on: silent
	c.client.Do(req)
}

func (c *Cache) ClosureUnlock(req *http.Request) {
	c.mu.Lock()
	unlock := func() { c.mu.Unlock() }
	unlock()
	c.client.Do(req)
}

func (c *Cache) unlockLocked() { c.mu.Unlock() }

func (c *Cache) MethodUnlock(req *http.Request) {
	c.mu.Lock()
	c.unlockLocked() // the fact says it unlocks c.mu
	c.client.Do(req)
}

func (c *Cache) OtherCache(o *Cache) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return o.Len() // a different cache's lock
}

func (c *Cache) Quick() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return lib.Quick() // does not block
}

func (c *Cache) Consume() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for range c.events { // ranging is not a bare receive
	}
}

// yieldLocked expects c.mu held; it lets others in for a moment.
func (c *Cache) yieldLocked() {
	c.mu.Unlock()
	c.mu.Lock()
}

func (c *Cache) Busy() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.yieldLocked() // hands the lock back: not a second lock
}

func (c *Cache) count(needLock bool) int {
	if needLock {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	return len(c.items)
}

func (c *Cache) Stats() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.count(false) // locks only when asked
}

// pauseLocked expects c.mu held and sleeps with it released.
func (c *Cache) pauseLocked() {
	c.mu.Unlock()
	time.Sleep(time.Millisecond)
	c.mu.Lock()
}

func (c *Cache) Throttled() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pauseLocked() // releases the lock while it sleeps
}
