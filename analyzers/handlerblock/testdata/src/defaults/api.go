package defaults

import (
	"net/http"

	"subs"
)

// Hooks sends an event per upload on a channel its users receive from:
// the receiving end is theirs, by the documented contract that they drain
// it, so the handler's wait is the contract's.
type Hooks struct {
	// CreatedUploads receives an event per upload; users must drain it.
	CreatedUploads chan string
}

func (h *Hooks) PostFile(w http.ResponseWriter, r *http.Request) {
	h.CreatedUploads <- r.URL.Path
}

// Near miss: an exported channel that the package drains itself; the
// other side is its own code.
type Forwarder struct {
	Out chan string
}

func (h *Forwarder) Forward(w http.ResponseWriter, r *http.Request) {
	h.Out <- r.URL.Path // want `a send on h.Out blocks without watching the context in scope`
}

func (h *Forwarder) drain() {
	for range h.Out {
	}
}

// Near miss: an exported channel of another package, whose own loop is
// the receiver; this package cannot tell its users' end from its own.
func Ack(s *subs.Subscriber, w http.ResponseWriter, r *http.Request) {
	s.Acks <- 1 // want `a send on s.Acks blocks without watching the context in scope`
}
