package defaults

import (
	"context"
	"net/http"
)

// Socket feeds what a websocket-like connection reads into a pipeline.
type Socket struct {
	frames chan []byte
	stop   chan struct{}
}

func (s *Socket) pump() {
	for range s.frames {
	}
}

// Once the handler has taken the connection over, net/http no longer
// watches it: r.Context() ends only when the handler returns, so the send
// has nothing to watch but its own stop channel.
func (s *Socket) Serve(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	buf := make([]byte, 512)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			return
		}
		select {
		case s.frames <- buf[:n]:
		case <-s.stop:
			return
		}
	}
}

// Near miss: the same wait before the takeover, while the client's going
// away still cancels r.Context().
func (s *Socket) Early(w http.ResponseWriter, r *http.Request) {
	select { // want `a select on s.frames, s.stop has no r.Context\(\).Done\(\)`
	case s.frames <- []byte(r.URL.Path):
	case <-s.stop:
		return
	}
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		conn.Close()
	}
}

// The same through a local copy of r.Context().
func (s *Socket) ServeTraced(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	buf := make([]byte, 512)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			return
		}
		trace(ctx, n)
		select {
		case s.frames <- buf[:n]:
		case <-s.stop:
			return
		}
	}
}

func trace(ctx context.Context, n int) {}
