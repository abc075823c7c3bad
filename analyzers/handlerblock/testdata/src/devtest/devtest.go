// Package devtest serves pages for developers only: test support, which
// conclint leaves alone like _test.go files.
package devtest

import (
	"net/http"
	"time"
)

func Slow(w http.ResponseWriter, r *http.Request) {
	time.Sleep(3 * time.Second) // simulated latency: not reported
}
