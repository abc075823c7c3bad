package a

import (
	"sync"

	"golang.org/x/sync/errgroup"
)

// Rule deadlock: a wait under a lock whose other side takes the lock.

type Pool struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	jobs    chan int
	results chan int
	quit    chan struct{}
	stopped chan struct{}
	n       int
}

func (p *Pool) Start() {
	p.wg.Add(1)
	go p.work()
	go p.collect()
	go p.watch()
}

func (p *Pool) work() {
	defer p.wg.Done()
	for j := range p.jobs {
		p.mu.Lock()
		p.n += j
		p.mu.Unlock()
	}
}

func (p *Pool) collect() {
	for {
		p.mu.Lock()
		p.n++
		p.mu.Unlock()
		p.results <- p.n
	}
}

func (p *Pool) watch() {
	defer close(p.stopped)
	<-p.quit
}

func (p *Pool) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	close(p.jobs)
	p.wg.Wait() // want `p.mu is held across p.wg.Wait, but the goroutine it waits for locks p.mu first, so neither can go on: a deadlock; release p.mu before waiting`
}

func (p *Pool) Result() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return <-p.results // want `p.mu is held across a receive from p.results, but the goroutine it waits for locks p.mu first`
}

// Near miss: the watcher never takes the lock; waiting for it under the
// lock serializes shutdown, as intended.
func (p *Pool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	close(p.quit)
	<-p.stopped
}

func Sum(items []int) int {
	var mu sync.Mutex
	var g errgroup.Group
	total := 0
	mu.Lock()
	defer mu.Unlock()
	for _, it := range items {
		g.Go(func() error {
			mu.Lock()
			total += it
			mu.Unlock()
			return nil
		})
	}
	g.Wait() // want `mu is held across g.Wait, but the goroutine it waits for locks mu first`
	return total
}

// Near miss: the workers fill their own slots and never take the lock.
func Squares(items []int) []int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	out := make([]int, len(items))
	mu.Lock()
	defer mu.Unlock()
	for i, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = it * it
		}()
	}
	wg.Wait()
	return out
}

// Near miss: the worker signals before it locks.
func Handoff() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Done()
		mu.Lock()
		mu.Unlock()
	}()
	mu.Lock()
	wg.Wait()
	mu.Unlock()
}

// Writer counts each write in under its close lock, then works unlocked.
type Writer struct {
	closeMu sync.Mutex
	closed  bool
	wg      sync.WaitGroup
}

func (w *Writer) Write(p []byte) int {
	w.closeMu.Lock()
	if w.closed {
		w.closeMu.Unlock()
		return 0
	}
	w.wg.Add(1)
	w.closeMu.Unlock()
	defer w.wg.Done()
	return len(p)
}

// Near miss: every write Wait counts took and left the lock before wg.Add.
func (w *Writer) Close() {
	w.closeMu.Lock()
	defer w.closeMu.Unlock()
	w.closed = true
	w.wg.Wait()
}

// Flusher counts a flush in, then takes the lock the closer holds.
type Flusher struct {
	mu sync.Mutex
	wg sync.WaitGroup
}

func (f *Flusher) Flush() {
	f.wg.Add(1)
	defer f.wg.Done()
	f.mu.Lock()
	f.mu.Unlock()
}

func (f *Flusher) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.wg.Wait() // want `f.mu is held across f.wg.Wait, but the goroutine it waits for locks f.mu first`
}

// Near miss: a buffered channel may already hold a value; the receive
// needs no sender now.
type Slot struct {
	mu  sync.Mutex
	val chan int
}

func (s *Slot) fill() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.val <- 1
}

func NewSlot() *Slot {
	s := &Slot{val: make(chan int, 1)}
	go s.fill()
	return s
}

func (s *Slot) Take() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return <-s.val
}

// Near miss: a channel used as a mutex (make(chan T, 1) holding its one
// token), copied into another struct: still buffered, so the receive
// takes the token without waiting for a sender.
type worker struct {
	memMu chan int
}

type comm struct {
	mu    sync.Mutex
	memMu chan int
}

func newWorker() *worker {
	memMu := make(chan int, 1)
	memMu <- 0
	return &worker{memMu: memMu}
}

func (w *worker) client() *comm {
	return &comm{memMu: w.memMu}
}

func (c *comm) give() {
	c.mu.Lock()
	c.memMu <- 1
	c.mu.Unlock()
}

func (c *comm) call() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := <-c.memMu
	c.memMu <- v
	return v
}
