package wg

import "sync"

func process(s string) {}

func waitGroupGo(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() { process(it) }) // want `one goroutine per element of items with no limit`
	}
	wg.Wait()
}
