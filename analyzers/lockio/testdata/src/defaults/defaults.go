// Package defaults is checked with the default flags: re-locks and
// deadlocks are reported; round trips and sends under a lock only with
// -lockio.io and -lockio.send.
package defaults

import (
	"net/http"
	"sync"
)

type Cache struct {
	mu     sync.Mutex
	client *http.Client
	items  map[string]string
	subs   []chan string
	done   chan struct{}
}

func (c *Cache) Get(req *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	resp, err := c.client.Do(req) // only with -lockio.io
	if err == nil {
		c.items[req.URL.String()] = resp.Status
	}
}

func (c *Cache) Subscribe() <-chan string {
	ch := make(chan string)
	c.mu.Lock()
	c.subs = append(c.subs, ch)
	c.mu.Unlock()
	return ch
}

func (c *Cache) Publish(v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, ch := range c.subs {
		ch <- v // only with -lockio.send
	}
}

func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

func (c *Cache) Dump() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Len() // want `c.mu is locked again by c.Len`
}

func (c *Cache) Start() {
	go func() {
		c.mu.Lock()
		c.items = nil
		c.mu.Unlock()
		close(c.done)
	}()
}

func (c *Cache) Stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	<-c.done // want `c.mu is held across a receive from c.done, but the goroutine it waits for locks c.mu first`
}
