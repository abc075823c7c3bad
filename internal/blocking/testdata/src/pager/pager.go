// Package pager: generic helpers that call the function they are given
// (Fact.CallsParams), and one that does not.
package pager

// All fetches each page with list until a page is empty.
func All[T any](list func(page int) ([]T, error)) ([]T, error) { // want All:"^calls param 0$"
	var out []T
	for page := 1; ; page++ {
		items, err := list(page)
		if err != nil || len(items) == 0 {
			return out, err
		}
		out = append(out, items...)
	}
}

// First passes its function on to All: it calls it too.
func First[T any](n int, list func(page int) ([]T, error)) (T, error) { // want First:"^calls param 1$"
	var zero T
	items, err := All(list)
	if err != nil || len(items) == 0 {
		return zero, err
	}
	return items[0], nil
}

// Later keeps the function for later: it does not call it.
type Later struct{ fns []func() }

func (l *Later) Add(fn func()) { l.fns = append(l.fns, fn) }

// Background calls it in a goroutine, not for its caller.
func Background(fn func()) { go fn() }
