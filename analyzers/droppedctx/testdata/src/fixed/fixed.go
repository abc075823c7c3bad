// Package fixed checks methods whose signature an interface without a
// context fixes: they cannot take one.
package fixed

import (
	"context"
	"sync"
)

type Mutex struct{ ch chan struct{} }

func (m *Mutex) acquire(ctx context.Context) error {
	select {
	case m.ch <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Lock is sync.Locker's: it cannot take a context, so no fact.
func (m *Mutex) Lock() { _ = m.acquire(context.Background()) }

func (m *Mutex) Unlock() { <-m.ch }

var _ sync.Locker = (*Mutex)(nil)

// TryLock returns an error, which no interface here fixes: it could take
// a context, and it drops one.
func (m *Mutex) TryLock() error { // want TryLock:`drops context: calls context.Background`
	return m.acquire(context.Background())
}

func Update(ctx context.Context, m *Mutex) {
	m.Lock() // ok: Lock cannot take a context
	m.Unlock()
	_ = m.TryLock() // want `Mutex.TryLock drops the caller's context`
}
