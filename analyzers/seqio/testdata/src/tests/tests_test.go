package tests

import (
	"context"
	"testing"
)

// Test files and test helpers are skipped unless -seqio.tests is set.
func TestPage(t *testing.T) { check(t, nil, nil) }

func check(t *testing.T, users Store, orders Other) {
	ctx := context.Background()
	u, err := users.GetUser(ctx, "1")
	if err != nil {
		t.Fatal(err)
	}
	o, err := orders.ListOrders(ctx, "1")
	_, _ = u, o
}
