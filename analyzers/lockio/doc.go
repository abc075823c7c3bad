// Package lockio defines an Analyzer that reports mutexes held across
// network round trips, sends to strangers, deadlocks and re-locking.
//
// # Analyzer lockio
//
// lockio: report locks held across network I/O, deadlocks, re-locks
//
// A sync.Mutex or RWMutex that other goroutines need is only as fast as
// what is done while holding it. lockio follows each function from Lock
// or RLock to Unlock (or to its end when the unlock is deferred) and
// reports, while the lock is held on every path to the point:
//
//   - a wait (WaitGroup or errgroup Wait, a channel receive or send)
//     whose other side, a function or goroutine of the package that would
//     end the wait, locks the same mutex before it does: a deadlock (a
//     WaitGroup waits only for what was counted in, so a lock taken and
//     left before wg.Add does not count);
//   - a second Lock of the same mutex, or a call of a function or method
//     that locks it (a lock wrapper, a helper asked by a constant argument
//     to lock: if needLock { … }, or past an early return on the flag,
//     if !create { return }), and a second RLock while read-locked: Go's mutexes are not
//     reentrant, and recursive read locking deadlocks once a writer waits.
//
// Two more rules are opt-in, because a blind review on code they were not
// tuned on found most of their findings right as written (start-up code,
// channels sized for their sends, sends the lock keeps from racing a
// close):
//
//   - -lockio.io: a network or database round trip (a dial, a DNS lookup,
//     a TLS handshake, an HTTP request, a gRPC call, a SQL query), directly
//     or through a function in any package that makes one: every goroutine
//     that needs the lock waits on the slowest peer;
//   - -lockio.send: a send on a channel the package hands out to code it
//     does not control (a subscriber channel returned to callers), outside
//     a select with a default or timer case: one slow receiver stalls
//     every goroutine that needs the lock.
//
// Locks are identified by their variable and field path (c.mu,
// s.state.mu, a package-level mu); methods that only lock or unlock a
// mutex (func (c *C) lock() { c.mu.Lock() }) count as lock operations.
//
// Bad (with -lockio.io):
//
//	func (c *Cache) Get(ctx context.Context, key string) (*Item, error) {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		resp, err := c.client.Do(req) // every caller waits for this request
//		…
//	}
//
// Good:
//
//	func (c *Cache) Get(ctx context.Context, key string) (*Item, error) {
//		c.mu.Lock()
//		item, ok := c.items[key]
//		c.mu.Unlock()
//		if ok {
//			return item, nil
//		}
//		resp, err := c.client.Do(req)
//		…
//		c.mu.Lock()
//		c.items[key] = item // check again if two fetches may race
//		c.mu.Unlock()
//	}
//
// Not reported: sleeps, child processes, local file I/O and waits on
// goroutines or channels whose other side never takes the lock (they
// serialize work on purpose: shutdown, compaction, a throttle, a worker
// of the package); reads and writes on the connection the lock guards
// (conn.mu around conn.c.Write keeps one stream whole), and reads and
// writes on any open connection (it may be in memory, as net.Pipe is); values the
// function built itself and has not published yet (constructors); a
// one-time fill of what the lock guards (if c.conn == nil { c.conn, err =
// net.Dial(…) }); lifecycle steps the lock serializes on purpose: a call
// of Close, Stop or Shutdown, and round trips in a function that closes,
// stops, truncates, compacts or reloads (closeAll, ApplyConfig,
// changeConfig); sends on channel parameters (the caller drains them), on
// channels only the package receives from and on slots made with room for
// their one value (a lazily made CloseNotify channel); receives from
// channels the package only makes buffered (a channel used as a mutex
// holds its token); a lock released before the
// point on some path (a branch that unlocks and falls through), or
// released by a function literal the function may call; sync.Cond.Wait;
// goroutines and deferred calls; locks taken on some path only, except a
// branch that locks and defers the unlock (if shared { mu.Lock(); defer
// mu.Unlock() }), which holds the lock on that path to the end. Test files
// and test support packages are skipped unless -lockio.tests is set.
package lockio
