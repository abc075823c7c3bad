// Command hook is the same receiver shipped as a service: reported.
package main

import (
	"log"
	"net/http"
)

func main() {
	log.Fatal(http.ListenAndServe(":5001", nil)) // want `http.ListenAndServe cannot set timeouts`
}
