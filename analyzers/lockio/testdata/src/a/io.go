package a

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"time"

	"lib"
)

// Rule io: a lock held across a network round trip.

type Cache struct {
	mu     sync.Mutex
	rw     sync.RWMutex
	cond   *sync.Cond
	client *http.Client
	items  map[string]string
	conn   net.Conn
	ready  bool
	ips    []net.IP
	state  struct{ mu sync.Mutex }
}

func (c *Cache) Get(req *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	resp, err := c.client.Do(req) // want `c.mu is held across c.client.Do, a network round trip, so every goroutine that needs c.mu waits on the slowest peer; make the call unlocked and lock again to store the result`
	if err == nil {
		c.items[req.URL.String()] = resp.Status
		resp.Body.Close()
	}
}

// Near miss: released before the call, locked again to store.
func (c *Cache) GetUnlocked(req *http.Request) {
	resp, err := c.client.Do(req)
	if err != nil {
		return
	}
	c.mu.Lock()
	c.items[req.URL.String()] = resp.Status
	c.mu.Unlock()
	resp.Body.Close()
}

func (c *Cache) Resolve(host string) {
	c.rw.Lock()
	defer c.rw.Unlock()
	addrs, _ := net.LookupHost(host) // want `c.rw is held across net.LookupHost, a network round trip`
	c.items[host] = addrs[0]
}

func (c *Cache) Refresh(lc *lib.Client) {
	c.mu.Lock()
	_ = lib.Refresh(lc)           // want `c.mu is held across lib.Refresh, which waits on the network at c.hc.Get \(lib.go:\d+\) through Client.Fetch`
	_ = lc.Fetch("http://x.test") // want `c.mu is held across lc.Fetch, which waits on the network at c.hc.Get`
	c.mu.Unlock()
}

// Near misses: waits that are not network round trips.
func (c *Cache) NotNetwork(lc *lib.Client) {
	c.mu.Lock()
	defer c.mu.Unlock()
	lib.Pause()                         // a sleep: the lock's own business
	time.Sleep(time.Second)             // likewise
	_ = exec.Command("git", "gc").Run() // a child process
	_, _ = os.ReadFile("/etc/hosts")    // local file I/O
	_ = lib.Quick()                     // does not block
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

// Near miss: a branch unlocks and falls through, so the lock is not held
// on every path to the call.
func (c *Cache) MaybeUnlocked(req *http.Request, early bool) {
	c.mu.Lock()
	if early {
		c.mu.Unlock()
	}
	c.client.Do(req)
	if !early {
		c.mu.Unlock()
	}
}

// A branch that locks and defers the unlock holds the lock to the end of
// that path.
func (c *Cache) LockedWhen(req *http.Request, shared bool) {
	if shared {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	c.client.Do(req) // want `c.mu is held across c.client.Do`
}

// Near miss: the lock guards the very connection it writes.
type guardedConn struct {
	mu   sync.Mutex
	conn net.Conn
}

func (g *guardedConn) Write(b []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.conn.Write(b) // the lock keeps writes to one stream whole
}

func (g *guardedConn) flush(b []byte) error {
	_, err := g.conn.Write(b)
	return err
}

func (g *guardedConn) Send(b []byte) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.flush(b) // the same: writes on g's own connection
}

// Near miss: writing to another party's connection under a server-wide
// lock is not reported either: reads and writes on an open connection may
// be in memory (net.Pipe) and are bounded by its deadlines.
type hub struct {
	mu    sync.Mutex
	peers []*guardedConn
}

func (h *hub) Broadcast(b []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, p := range h.peers {
		p.flush(b)
	}
}

// Near miss: nobody else can reach a value this function just built.
func NewCache(addr string) *Cache {
	c := &Cache{items: map[string]string{}}
	c.mu.Lock()
	defer c.mu.Unlock()
	conn, err := net.Dial("tcp", addr)
	if err == nil {
		c.conn = conn
	}
	return c
}

// Near miss: the lock guards the one connection it (re)establishes;
// whoever needs the lock needs that connection too.
func Reconnect(c *Cache, addr string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.conn, _ = net.Dial("tcp", addr)
}

func (c *Cache) Redial(addr string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	if _, err := conn.Write(b); err == nil {
		c.conn = conn
	}
}

// A pool of connections, one per peer, behind one lock: a dial to one
// slow peer stalls every other peer's traffic.
type ConnPool struct {
	mu    sync.Mutex
	conns map[string]net.Conn
}

func (p *ConnPool) Conn(addr string) (net.Conn, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if c, ok := p.conns[addr]; ok {
		return c, nil
	}
	c, err := net.Dial("tcp", addr) // want `p.mu is held across net.Dial, a network round trip`
	if err != nil {
		return nil, err
	}
	p.conns[addr] = c
	return c, nil
}

// Near miss: a one-time fill of what the lock guards.
func (c *Cache) IPs(host string) []net.IP {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ips == nil {
		c.ips, _ = net.LookupIP(host)
	}
	return c.ips
}

// Near miss: goroutines and deferred calls do not run under the lock here.
func (c *Cache) Async(req *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	go c.client.Do(req)
	defer c.client.Do(req)
}

// Near miss: the lock is released before the call, by several routes.
func unlockAnd(m *sync.Mutex) { m.Unlock() }

func (c *Cache) PassLock(req *http.Request) {
	c.mu.Lock()
	unlockAnd(&c.mu) // the lock is passed on
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
	c.unlockLocked() // a wrapper: an unlock at its call site
	c.client.Do(req)
}

// An unrelated closure that locks and unlocks for itself does not make
// the walk forget the lock.
func (c *Cache) UnrelatedClosure(req *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	bump := func() {
		c.state.mu.Lock()
		c.ready = true
		c.state.mu.Unlock()
	}
	go func() {
		c.mu.Lock()
		c.ready = false
		c.mu.Unlock()
	}()
	bump()
	c.client.Do(req) // want `c.mu is held across c.client.Do`
}

// Lock wrappers are lock operations at their call sites.
func (c *Cache) lock()   { c.mu.Lock() }
func (c *Cache) unlock() { c.mu.Unlock() }

func (c *Cache) Wrapped(req *http.Request) {
	c.lock()
	defer c.unlock()
	c.client.Do(req) // want `c.mu is held across c.client.Do`
}

func (c *Cache) WrappedReleased(req *http.Request) {
	c.lock()
	c.items["x"] = "y"
	c.unlock()
	c.client.Do(req)
}

// Wrappers from another package, through facts.
func CrossPackageWrapper(lc *lib.Client, hc *http.Client, req *http.Request) {
	lc.Acquire()
	defer lc.Release()
	hc.Do(req) // want `lc.Mutex is held across hc.Do`
}

// Lifecycle steps: the lock serializes closing or reloading what it
// guards, and the round trip is the step itself.

type session struct{ client *http.Client }

func (s *session) Close() error { _, err := s.client.Get("http://x.test/logout"); return err }
func (s *session) Ping() error  { _, err := s.client.Get("http://x.test/ping"); return err }

type Sessions struct {
	mu     sync.Mutex
	all    map[string]*session
	client *http.Client
}

// Near miss: closing the sessions the lock guards.
func (s *Sessions) Evict(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.all[id].Close()
	delete(s.all, id)
}

func (s *Sessions) Check(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.all[id].Ping() // want `s.mu is held across s.all\[id\].Ping, which waits on the network`
}

// Near miss: a configuration reload that the lock serializes.
func (s *Sessions) ApplyConfig(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.client.Get(url)
}

func (s *Sessions) closeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sess := range s.all {
		sess.Ping()
	}
}

// An apply that is no configuration reload is reported.
func (s *Sessions) ApplyDiscount(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.client.Get(url) // want `s.mu is held across s.client.Get, a network round trip`
}
