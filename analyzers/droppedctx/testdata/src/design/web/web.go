package web

import (
	"net/http"

	"design/legacy"
	"design/mostly"
)

type handler struct {
	legacy *legacy.Storage
	mostly *mostly.Storage
}

// The legacy layer takes no context anywhere: a report here would restate
// its design at every call.
func (h *handler) Legacy(w http.ResponseWriter, r *http.Request) {
	_ = h.legacy.UserByID(1)
}

// The one method of a context-passing layer that takes none is reported.
func (h *handler) Mostly(w http.ResponseWriter, r *http.Request) {
	_ = h.mostly.UserByID(1) // want `Storage.UserByID drops the caller's context`
}
