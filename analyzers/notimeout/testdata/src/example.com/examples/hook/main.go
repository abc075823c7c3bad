// Command hook is a demo receiver run on a laptop: not reported.
package main

import (
	"log"
	"net/http"
)

func main() {
	log.Fatal(http.ListenAndServe(":5001", nil))
}
