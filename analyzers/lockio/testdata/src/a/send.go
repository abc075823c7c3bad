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
	ch := make(chan Event, 8)
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

// Near miss: reply slots made with room for their one value (as
// singleflight's DoChan): the send never waits.
type Group struct {
	mu    sync.Mutex
	calls map[string][]chan int
}

func (g *Group) DoChan(key string) <-chan int {
	ch := make(chan int, 1)
	g.mu.Lock()
	g.calls[key] = append(g.calls[key], ch)
	g.mu.Unlock()
	return ch
}

func (g *Group) finish(key string, v int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, ch := range g.calls[key] {
		ch <- v
	}
}

// Near miss: a channel kept in the package's own unexported field and
// returned inside its owner is not handed out.
type sem struct {
	mu  sync.Mutex
	tok chan int
}

func newSem() *sem {
	tok := make(chan int, 2)
	return &sem{tok: tok}
}

func (s *sem) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tok <- 1
}

// Near miss: the watcher was built here; nobody can receive yet.
func (b *Broker) Watch() *Iterator {
	ch := make(chan Event, 4)
	it := &Iterator{C: ch}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs = append(b.subs, ch)
	ch <- Event{Name: "hello"}
	return it
}

// Near miss: a notification slot made lazily with room for its one value
// and returned (net/http's CloseNotify): the send never waits.
type notifier struct {
	mu        sync.Mutex
	fired     bool
	closeCh   chan bool
	updatesCh chan int
}

func (n *notifier) CloseNotify() <-chan bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closeCh == nil {
		n.closeCh = make(chan bool, 1)
		if n.fired {
			n.closeCh <- true
		}
	}
	return n.closeCh
}

func (n *notifier) fire() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.fired = true
	if n.closeCh != nil {
		n.closeCh <- true
	}
}

// A returned field made with a queue's buffer is handed out: the queue fills.
func (n *notifier) Updates() <-chan int {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.updatesCh == nil {
		n.updatesCh = make(chan int, 16)
	}
	return n.updatesCh
}

func (n *notifier) update(v int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.updatesCh <- v // want `n.mu is held across a send on n.updatesCh, a channel handed out`
}
