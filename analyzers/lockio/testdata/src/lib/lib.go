// Package lib holds helpers whose blocking and locking reach callers in
// other packages through facts.
package lib

import (
	"net/http"
	"sync"
	"time"
)

// Client embeds its mutex, so callers can lock it.
type Client struct {
	sync.Mutex
	hc *http.Client
	n  int
}

func (c *Client) Fetch(url string) error {
	resp, err := c.hc.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func Pause() { time.Sleep(time.Millisecond) }

func Refresh(c *Client) error { return c.Fetch("http://example.com") }

func (c *Client) Count() int {
	c.Lock()
	defer c.Unlock()
	return c.n
}

// Acquire and Release wrap the embedded mutex.
func (c *Client) Acquire() { c.Lock() }
func (c *Client) Release() { c.Unlock() }

func Quick() int { return 1 }
