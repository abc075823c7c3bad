package wg

import (
	"net/http"
	"sync"

	"example.com/svc"
)

func process(s string) { _ = svc.Call(s) }

func waitGroupGo(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() { process(it) }) // want `one goroutine per element of items with no limit`
	}
	wg.Wait()
}

func handle(w http.ResponseWriter, r *http.Request) { waitGroupGo(r.URL.Query()["item"]) }
