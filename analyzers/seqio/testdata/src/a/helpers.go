package a

import (
	"context"
	"testing"
)

// Near miss: a test helper outside a _test.go file asserts in order; the
// second read runs only when the first failed.
func HelperNotFound(users UserStore, orders OrderStore) func(t *testing.T) {
	return func(t *testing.T) {
		_, err := users.GetUser(context.TODO(), "missing")
		requireError(t, err)
		_, err = orders.ListOrders(context.TODO(), "missing")
		requireError(t, err)
	}
}

func requireError(t *testing.T, err error) {
	if err == nil {
		t.FailNow()
	}
}
