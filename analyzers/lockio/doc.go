// Package lockio defines an Analyzer that reports mutexes held across
// blocking work, and mutexes locked again while held.
//
// # Analyzer lockio
//
// lockio: report mutexes held across blocking calls or locked twice
//
// A sync.Mutex or RWMutex held across network or database I/O serializes
// every request behind the slowest backend call; held across a sleep, a
// channel operation or a WaitGroup wait, it makes every other locker wait
// for another goroutine, and deadlocks when that goroutine needs the lock.
// Locking a mutex the goroutine already holds deadlocks at once: Go's
// mutexes are not reentrant. lockio follows each function from Lock or
// RLock to Unlock (or to its end when the unlock is deferred) and reports,
// while the lock is held on every path to the point:
//
//   - a network, database or child-process call from the I/O catalogue;
//   - time.Sleep, a WaitGroup or errgroup wait (or a receive from a
//     channel the package only closes), a channel send or receive
//     outside a select, or a select without default, on a channel not made
//     in the function;
//   - a call of a function, in any package, that does one of these;
//   - a second Lock of the same mutex, or a call of a method or function
//     that locks it (a self-deadlock); a function that locks it only on
//     some paths (if needLock { … }), or unlocks it before locking it, is
//     taken to expect it held.
//
// Locks are identified by their variable and field path (c.mu,
// s.state.mu, a package-level mu).
//
// Bad:
//
//	func (c *Cache) Get(key string) (*Item, error) {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		resp, err := c.client.Do(req) // every caller waits for this request
//		…
//	}
//
// Good:
//
//	func (c *Cache) Get(key string) (*Item, error) {
//		c.mu.Lock()
//		item, ok := c.items[key]
//		c.mu.Unlock()
//		if !ok {
//			resp, err := c.client.Do(req)
//			…
//		}
//	}
//
// Not reported: a lock that some path has already released (branches that
// unlock and fall through, loops that unlock), locks reached through
// aliases, passed to other functions or released in closures, a select
// with a default, ctx.Done() or timer case, channels made in the function
// or only ever made buffered in the package, semaphores whose two ends the
// function holds, a lock on the same variable as the connection it reads
// or writes (conn.mu around conn.c.Write, which keeps the stream whole),
// sync.Cond.Wait (it releases the lock while waiting), work in goroutines
// and deferred calls, the standard library's internals (its blocking API
// is the catalogue), goroutine synchronization (channels, joins) more
// than one call down or below another package's function, and a second
// RLock while a read lock is held. Test files are skipped unless
// -lockio.tests is set.
package lockio
