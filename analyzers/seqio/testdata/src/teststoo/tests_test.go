package teststoo

import (
	"context"
	"testing"
)

// With -seqio.tests, test files are checked too.
func TestPage(t *testing.T) { check(t, nil, nil) }

func check(t *testing.T, users Store, orders Other) {
	ctx := context.Background()
	u, err := users.GetUser(ctx, "1")
	if err != nil {
		t.Fatal(err)
	}
	o, err := orders.ListOrders(ctx, "1") // want `orders.ListOrders does not depend on users.GetUser`
	_, _ = u, o
}
