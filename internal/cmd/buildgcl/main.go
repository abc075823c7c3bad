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

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/conclint/conclint/internal/toolbuild"
)

func main() {
	root, err := toolbuild.ModuleRoot()
	if err != nil {
		fail(err)
	}
	opts := toolbuild.Options{Root: root, Log: os.Stderr}
	flag.StringVar(&opts.Version, "version", toolbuild.GolangciVersion, "golangci-lint version to build")
	flag.StringVar(&opts.Output, "o", filepath.Join(root, "bin", "golangci-lint-conclint"), "output binary")
	flag.StringVar(&opts.WorkDir, "work", toolbuild.WorkDir("buildgcl"), "scratch directory for golangci-lint's source")
	flag.BoolVar(&opts.Force, "force", false, "rebuild even if the binary is up to date")
	flag.Parse()
	bin, err := toolbuild.Golangci(opts)
	if err != nil {
		fail(err)
	}
	fmt.Println(bin.Path)
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "buildgcl: %v\n", err)
	os.Exit(1)
}
