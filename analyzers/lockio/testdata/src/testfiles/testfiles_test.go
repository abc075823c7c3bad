package testfiles

import "sync"

type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) twice() {
	c.mu.Lock()
	c.mu.Lock() // want `c.mu is locked again while already held`
	c.mu.Unlock()
}

func (c *counter) nearMiss() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	c.mu.Lock()
	c.mu.Unlock()
}
