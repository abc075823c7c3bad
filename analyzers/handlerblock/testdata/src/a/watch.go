package a

import (
	"context"
	"net/http"
)

type Store interface {
	// Watch streams changes until ctx ends: then it sends ctx's error on
	// errs and closes both.
	Watch(ctx context.Context, from int) (<-chan int, <-chan error)
	Changes() (<-chan int, <-chan error)
}

// The producer was given the request's context: it ends with it.
func Updates(store Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		updates, errs := store.Watch(r.Context(), 0)
		for {
			select {
			case u := <-updates:
				_ = u
			case err := <-errs:
				_ = err
				return
			}
		}
	}
}

// The same select on channels from a producer that never saw the context.
func Changes(store Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		updates, errs := store.Changes()
		for {
			select { // want `a select on updates, errs has no r.Context\(\).Done\(\), default or timer case`
			case u := <-updates:
				_ = u
			case err := <-errs:
				_ = err
				return
			}
		}
	}
}

// A producer given a root context of its own never ends with the request.
func Detached(store Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		updates, errs := store.Watch(context.Background(), 0)
		select { // want `a select on updates, errs has no r.Context\(\).Done\(\), default or timer case`
		case u := <-updates:
			_ = u
		case err := <-errs:
			_ = err
		}
	}
}
