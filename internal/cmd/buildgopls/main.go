// Command buildgopls builds gopls with every conclint analyzer beside its
// own, from the Go module proxy or module cache alone, so that editors
// show conclint's findings as you type. Run it from a conclint checkout:
//
//	go run ./internal/cmd/buildgopls                  # writes bin/gopls-conclint
//	go run ./internal/cmd/buildgopls -gopls v0.24.0   # another gopls release
//	GOPROXY=off go run ./internal/cmd/buildgopls      # air-gapped, warm module cache
//
// Reruns are instant while the conclint sources are unchanged, and take
// seconds after a change, thanks to the Go build cache.
package main

import "github.com/conclint/conclint/internal/toolbuild"

func main() {
	toolbuild.Main("buildgopls", "gopls", toolbuild.GoplsVersion, "gopls-conclint", toolbuild.Gopls)
}
