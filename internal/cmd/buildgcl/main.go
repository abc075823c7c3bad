// Command buildgcl builds golangci-lint with every conclint linter linked
// in, from the Go module proxy or module cache alone (no git, unlike
// golangci-lint custom). Run it from a conclint checkout:
//
//	go run ./internal/cmd/buildgcl                 # writes bin/golangci-lint-conclint
//	GOPROXY=off go run ./internal/cmd/buildgcl     # air-gapped, warm module cache
//
// Reruns are instant while the conclint sources are unchanged, and take
// seconds after a change, thanks to the Go build cache.
package main

import "github.com/conclint/conclint/internal/toolbuild"

func main() {
	toolbuild.Main("buildgcl", "version", toolbuild.GolangciVersion, "golangci-lint-conclint", toolbuild.Golangci)
}
