package tests

import (
	"context"
	"testing"
)

func TestSomething(t *testing.T) {
	_ = context.Background() // ok: tests are skipped by default, and t is no carrier
}

func helper(ctx context.Context) {
	_ = context.Background() // ok: test files are skipped by default
}
