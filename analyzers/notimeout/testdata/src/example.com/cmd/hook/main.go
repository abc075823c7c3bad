// Command hook is the same receiver shipped as a service: reported.
package main

import (
	"log"
	"net/http"
)

func main() {
	resp, err := http.DefaultClient.Get("https://relays.example.org/endpoint") // want `http.DefaultClient has no Timeout`
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	log.Fatal(http.ListenAndServe(":5001", nil)) // want `http.ListenAndServe cannot set timeouts`
}
