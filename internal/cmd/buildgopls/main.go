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
	flag.StringVar(&opts.Version, "gopls", toolbuild.GoplsVersion, "gopls version to build")
	flag.StringVar(&opts.Output, "o", filepath.Join(root, "bin", "gopls-conclint"), "output binary")
	flag.StringVar(&opts.WorkDir, "work", toolbuild.WorkDir("buildgopls"), "scratch directory for gopls's source")
	flag.BoolVar(&opts.Force, "force", false, "rebuild even if the binary is up to date")
	flag.Parse()
	bin, err := toolbuild.Gopls(opts)
	if err != nil {
		fail(err)
	}
	fmt.Println(bin.Path)
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "buildgopls: %v\n", err)
	os.Exit(1)
}
