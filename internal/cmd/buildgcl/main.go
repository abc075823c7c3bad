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
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/conclint/conclint/internal/gclbuild"
)

func main() {
	root, err := moduleRoot()
	if err != nil {
		fail(err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	opts := gclbuild.Options{Root: root, Log: os.Stderr}
	flag.StringVar(&opts.Version, "version", gclbuild.DefaultVersion, "golangci-lint version to build")
	flag.StringVar(&opts.Output, "o", filepath.Join(root, "bin", "golangci-lint-conclint"), "output binary")
	flag.StringVar(&opts.WorkDir, "work", filepath.Join(cache, "conclint", "buildgcl"), "scratch directory for golangci-lint's source")
	flag.BoolVar(&opts.Force, "force", false, "rebuild even if the binary is up to date")
	flag.Parse()
	bin, err := gclbuild.Build(opts)
	if err != nil {
		fail(err)
	}
	fmt.Println(bin.Path)
}

// moduleRoot returns the directory of the main module (the checkout).
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	gomod := strings.TrimSpace(string(out))
	if err != nil || gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("run buildgcl inside a conclint checkout (go env GOMOD: %q, %v)", gomod, err)
	}
	return filepath.Dir(gomod), nil
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "buildgcl: %v\n", err)
	os.Exit(1)
}
