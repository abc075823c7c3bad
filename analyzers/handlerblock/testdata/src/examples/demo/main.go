// Package main is a demo program under an examples directory: run on a
// laptop, not a service, so it is not checked.
package main

import (
	"context"
	"time"
)

func run(ctx context.Context) {
	for {
		time.Sleep(30 * time.Second)
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	run(ctx)
}
