package a

import (
	"sync"

	"lib"
)

// Rule relock: locking a mutex the goroutine already holds.

func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

func (c *Cache) size() int { return c.Len() }

func (c *Cache) Describe() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Len() // want `c.mu is locked again by c.Len \(relock.go:\d+\) while already held, a self-deadlock`
}

func (c *Cache) Describe2() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size() // want `c.mu is locked again by c.size \(relock.go:\d+\) while already held`
}

func Twice(c *Cache) {
	c.mu.Lock()
	c.mu.Lock() // want `c.mu is locked again while already held`
	c.mu.Unlock()
}

func TwiceWrapped(c *Cache) {
	c.lock()
	c.lock() // want `c.mu is locked again while already held`
	c.unlock()
}

func CrossPackage(lc *lib.Client) int {
	lc.Lock()
	defer lc.Unlock()
	return lc.Count() // want `lc is locked again by lc.Count \(lib.go:\d+\) while already held`
}

// Near miss: a different cache's lock.
func (c *Cache) OtherCache(o *Cache) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return o.Len()
}

// Recursive read locking deadlocks once a writer queues between the two.
func (c *Cache) readLen() int {
	c.rw.RLock()
	defer c.rw.RUnlock()
	return len(c.items)
}

func (c *Cache) ReadTwice() int {
	c.rw.RLock()
	defer c.rw.RUnlock()
	return c.readLen() // want `c.rw is read-locked again by c.readLen \(relock.go:\d+\) while already read-locked, which deadlocks once a writer waits between the two`
}

func (c *Cache) ReadTwiceDirect() string {
	c.rw.RLock()
	defer c.rw.RUnlock()
	c.rw.RLock() // want `c.rw is read-locked again while already read-locked`
	defer c.rw.RUnlock()
	return c.items["x"]
}

// Near miss: one read lock around a map read.
func (c *Cache) Lookup(k string) string {
	c.rw.RLock()
	defer c.rw.RUnlock()
	return c.items[k]
}

// A helper that locks only when asked, followed with a constant argument.
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

func (c *Cache) StatsWrong() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.count(true) // want `c.mu is locked again by c.count \(relock.go:\d+\) while already held`
}

func (c *Cache) StatsUnknown(need bool) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.count(need) // not a constant: silent
}

// Near miss: hands the lock back and takes it again.
func (c *Cache) yieldLocked() {
	c.mu.Unlock()
	c.mu.Lock()
}

func (c *Cache) Busy() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.yieldLocked()
}

// Near miss: sync.Cond.Wait releases the lock while it waits.
func (c *Cache) WaitReady() {
	c.mu.Lock()
	for !c.ready {
		c.cond.Wait()
	}
	c.mu.Unlock()
}

var global sync.Mutex

func Global() {
	global.Lock()
	defer global.Unlock()
	globalAgain() // want `global is locked again by globalAgain`
}

func globalAgain() {
	global.Lock()
	global.Unlock()
}

// A helper that reaches a locking callee only past an early return on its
// flag: findRoot(false) never gets there.
func (c *Cache) findRoot(create bool, err error) int {
	if !create || err != nil {
		return 0
	}
	return c.size()
}

func (c *Cache) Purge(err error) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.findRoot(false, err) // returns before it locks
}

func (c *Cache) PurgeAndCreate(err error) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.findRoot(true, err) // want `c.mu is locked again by c.findRoot \(relock.go:\d+\) while already held`
}
