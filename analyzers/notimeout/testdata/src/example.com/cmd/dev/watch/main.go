// Command watch is a developer's tool under cmd/dev, run by hand against a
// local instance: not reported, unlike the same code in cmd/hook.
package main

import (
	"log"
	"net/http"
)

func main() {
	resp, err := http.DefaultClient.Get("https://relays.example.org/endpoint")
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	log.Fatal(http.ListenAndServe(":5001", nil))
}
