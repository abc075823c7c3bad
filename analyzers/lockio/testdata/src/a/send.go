package a

import (
	"sync"
	"time"
)

// Rule send: a send under a lock to a channel handed out to callers.

type Event struct{ Name string }

type Broker struct {
	mu     sync.Mutex
	subs   []chan Event
	queue  chan Event
	done   chan struct{}
	listen map[int]listener
}

type listener struct {
	events chan Event
	done   chan struct{}
}

// Subscribe hands each caller its own channel.
func (b *Broker) Subscribe() <-chan Event {
	ch := make(chan Event, 16)
	b.mu.Lock()
	b.subs = append(b.subs, ch)
	b.mu.Unlock()
	return ch
}

func (b *Broker) Publish(e Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, ch := range b.subs {
		ch <- e // want `b.mu is held across a send on ch, a channel handed out to code outside the package, so one slow receiver stalls every goroutine that needs b.mu; send after unlocking, or give each receiver its own queue`
	}
}

// Listen hands out a listener's channel through a struct.
func (b *Broker) Listen(id int) *Iterator {
	ch := make(chan Event, 1)
	done := make(chan struct{})
	b.mu.Lock()
	b.listen[id] = listener{events: ch, done: done}
	b.mu.Unlock()
	return &Iterator{C: ch}
}

type Iterator struct{ C <-chan Event }

func (b *Broker) Put(e Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, l := range b.listen {
		select { // want `b.mu is held across a send on l.events, a channel handed out`
		case l.events <- e:
		case <-l.done: // closed only when that listener leaves
		}
	}
}

// Near miss: a select with a default or a timer case does not wait long.
func (b *Broker) TryPut(e Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, l := range b.listen {
		select {
		case l.events <- e:
		default:
		}
		select {
		case l.events <- e:
		case <-time.After(time.Second):
		}
	}
}

// Near miss: the package's own worker receives from queue; sending to it
// under a lock is the worker's protocol, not a stranger's.
func NewBroker() *Broker {
	b := &Broker{queue: make(chan Event), listen: map[int]listener{}}
	go b.run()
	return b
}

func (b *Broker) run() {
	for e := range b.queue {
		_ = e
	}
}

func (b *Broker) Enqueue(e Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.queue <- e
}

// Near miss: a channel parameter is its caller's to drain (Collect(ch)).
func (b *Broker) Collect(ch chan<- Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for range b.subs {
		ch <- Event{}
	}
}
