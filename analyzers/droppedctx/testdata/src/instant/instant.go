// Package instant checks root contexts handed to helpers: reported when
// the helper may wait with it, not when it never waits.
package instant

import (
	"context"
	"database/sql"
	"net"

	"example.com/retry"
)

type store struct {
	db     *sql.DB
	items  chan int
	refs   []int
	stopc  chan struct{}
	getter getter
}

type getter interface {
	Get(ctx context.Context, key string) (int, error)
}

func (s *store) query(ctx context.Context) error {
	return s.db.PingContext(ctx)
}

func (s *store) await(ctx context.Context) int {
	select {
	case v := <-s.items:
		return v
	case <-ctx.Done():
		return 0
	}
}

func (s *store) lookup(ctx context.Context, key string) int {
	v, _ := s.getter.Get(ctx, key)
	return v
}

// barrier only checks whether ctx is done: it waits on nothing.
func (s *store) barrier(ctx context.Context, ch chan struct{}) {
	if ctx.Err() != nil {
		select {
		case <-s.stopc:
		default:
		}
		return
	}
	close(ch)
}

// staleRefs scans memory; ctx only lets a caller stop the scan early.
func (s *store) staleRefs(ctx context.Context) ([]int, error) {
	var out []int
	for i, r := range s.refs {
		if i%100 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		out = append(out, r)
	}
	return out, nil
}

func (s *store) bind(ctx context.Context, addr string) (net.Listener, error) {
	var lc net.ListenConfig
	return lc.Listen(ctx, "tcp", addr)
}

func (s *store) Handle(ctx context.Context, ch chan struct{}) {
	_ = s.query(context.Background())            // want `context.Background discards the context in scope \(ctx\)`
	_ = s.await(context.TODO())                  // want `context.TODO discards the context in scope \(ctx\)`
	_ = s.lookup(context.Background(), "k")      // want `context.Background discards the context in scope \(ctx\)`
	s.barrier(context.TODO(), ch)                // ok: barrier never waits
	refs, _ := s.staleRefs(context.Background()) // ok: an in-memory scan
	_ = refs
	ln, err := s.bind(context.TODO(), ":0") // ok: binding a socket waits on no peer
	if err == nil {
		ln.Close()
	}
	// A helper of another package that calls the function it is given
	// waits for what that function does with the context.
	_ = retry.Do(context.Background(), s.query) // want `context.Background discards the context in scope \(ctx\)`
}

// Override compares a configured context with the default one: the root
// context is an operand, never handed to a wait.
func (s *store) Override(ctx context.Context, configured context.Context) error {
	if configured != context.Background() { // ok: a test for the default
		ctx = configured
	}
	return s.query(ctx)
}

// CompactStale takes no context; the scan it starts with Background waits
// on nothing, so it drops no caller's context.
func (s *store) CompactStale() error {
	refs, err := s.staleRefs(context.Background())
	_ = refs
	return err
}

// Refresh drops one: the query waits on the database.
func (s *store) Refresh() error { // want Refresh:`drops context: calls context.Background`
	return s.query(context.Background())
}

func (s *store) Loop(ctx context.Context) {
	_ = s.CompactStale() // ok: no fact
	_ = s.Refresh()      // want `store.Refresh drops the caller's context`
}
