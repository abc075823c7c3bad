// Package joined checks goroutines joined with a sync.WaitGroup, whose
// work the starter waits for: it runs within the starter's context.
package joined

import (
	"context"
	"database/sql"
	"net/http"
	"sync"
)

func fetchAll(ctx context.Context, urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(u) // want `http.Get ignores the context in scope`
			if err == nil {
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
}

type pinger struct {
	db *sql.DB
	wg sync.WaitGroup
}

func (p *pinger) pingTwice(ctx context.Context) {
	p.wg.Add(2)
	for range 2 {
		go func() {
			defer p.wg.Done()
			_ = p.db.PingContext(context.Background()) // want `context.Background discards the context in scope \(ctx\)`
		}()
	}
	p.wg.Wait()
}

// Near misses: goroutines nobody waits for here.

func fetchDetached(ctx context.Context, urls []string, wg *sync.WaitGroup) {
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(u) // ok: the caller waits, after ctx's function returned
			if err == nil {
				resp.Body.Close()
			}
		}()
	}
}

func waitsBefore(ctx context.Context, db *sql.DB) {
	var wg sync.WaitGroup
	wg.Wait()
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = db.Ping() // ok: started after the only wait, it runs apart
	}()
}

// A literal only ever started as a goroutine runs apart, as its body
// would inside the go statement.
func notifyAll(ctx context.Context, urls []string) {
	notify := func(u string) {
		resp, err := http.Get(u) // ok: runs in the goroutines below, after ctx's owner returns
		if err == nil {
			resp.Body.Close()
		}
	}
	for _, u := range urls {
		go notify(u)
	}
}

func notifyEach(ctx context.Context, urls []string) {
	notify := func(u string) {
		resp, err := http.Get(u) // want `http.Get ignores the context in scope`
		if err == nil {
			resp.Body.Close()
		}
	}
	for _, u := range urls {
		notify(u)
	}
	go notify(urls[0])
}
