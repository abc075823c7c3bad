package testfiles

import "net/http"

var shared = &http.Client{Transport: &http.Transport{}}

func proxy(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Transport: &http.Transport{}} // want `http.Transport built per request`
	client.Get("http://upstream")
}

func nearMiss(w http.ResponseWriter, r *http.Request) {
	shared.Get("http://upstream")
}
