package defaults

import (
	"context"
	"net/http"
	"time"
)

// Hub is a chat server's hub: one goroutine's endless loop takes every
// registration and broadcast, and waits nowhere else (a full client is
// dropped, not waited for). A send to it is a hand-off.
type Hub struct {
	clients    map[chan string]bool
	register   chan chan string
	broadcast  chan string
	unregister chan chan string
}

func (h *Hub) Run() {
	for {
		select {
		case c := <-h.register:
			h.clients[c] = true
		case c := <-h.unregister:
			delete(h.clients, c)
			close(c)
		case m := <-h.broadcast:
			for c := range h.clients {
				select {
				case c <- m:
				default:
					delete(h.clients, c)
				}
			}
		}
	}
}

func (h *Hub) Join(w http.ResponseWriter, r *http.Request) {
	c := make(chan string, 16)
	h.register <- c
}

// Near miss: the loop calls out to the network for each message, so a
// send waits behind a round trip that may never end.
type Auditor struct {
	in chan string
}

func (au *Auditor) Run() {
	for {
		select {
		case m := <-au.in:
			http.Get("http://audit.internal/?m=" + m)
		}
	}
}

func (au *Auditor) Post(w http.ResponseWriter, r *http.Request) {
	au.in <- r.URL.Path // want `a send on au.in blocks without watching the context in scope`
}

// A range loop started in a goroutine that only counts is a service loop
// too; one that stops on its context's Done is still one.
type Counter struct {
	hits chan string
	seen map[string]int
}

func (c *Counter) start(ctx context.Context) {
	go c.count()
	go c.countUntil(ctx)
}

func (c *Counter) count() {
	for p := range c.hits {
		c.seen[p]++
	}
}

func (c *Counter) countUntil(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case p := <-c.hits:
			c.seen[p]++
		}
	}
}

func (c *Counter) Hit(w http.ResponseWriter, r *http.Request) {
	c.hits <- r.URL.Path
}

// Near miss: the loop stops on its first bad message, after which nobody
// receives and the send waits for ever.
type Checker struct {
	in chan string
}

func (c *Checker) Run() {
	for {
		select {
		case m := <-c.in:
			if m == "" {
				return
			}
		}
	}
}

func (c *Checker) Check(w http.ResponseWriter, r *http.Request) {
	c.in <- r.URL.Path // want `a send on c.in blocks without watching the context in scope`
}

// Near miss: the loop sleeps between messages.
type Pacer struct {
	in chan string
}

func (p *Pacer) run() {
	for range p.in {
		time.Sleep(time.Second)
	}
}

func (p *Pacer) start() { go p.run() }

func (p *Pacer) Pace(w http.ResponseWriter, r *http.Request) {
	p.in <- r.URL.Path // want `a send on p.in blocks without watching the context in scope`
}

// Near miss: an unexported loop nobody starts serves nobody.
type Idle struct {
	in chan string
}

func (i *Idle) loop() {
	for range i.in {
	}
}

func (i *Idle) Poke(w http.ResponseWriter, r *http.Request) {
	i.in <- r.URL.Path // want `a send on i.in blocks without watching the context in scope`
}
