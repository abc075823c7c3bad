package tests

import (
	"context"
	"testing"
	"time"
)

func waitABit(ctx context.Context) {
	time.Sleep(time.Millisecond) // a test file: not reported
}

func TestWait(t *testing.T) {
	waitABit(t.Context())
	time.Sleep(time.Millisecond)
}
