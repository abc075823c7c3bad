package testfiles

import "net/http"

func fanOut(urls []string) {
	for _, u := range urls {
		go http.Get(u) // want `one goroutine per element of urls with no limit`
	}
}

func nearMiss(urls []string) {
	sem := make(chan struct{}, 8)
	for _, u := range urls {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			http.Get(u)
		}()
	}
}

func handle(w http.ResponseWriter, r *http.Request) {
	fanOut(r.Form["url"])
	nearMiss(r.Form["url"])
}
