// Command vetprofile is conclint as a vet tool that also writes profiles of
// each package it analyses, dependencies (VetxOnly runs) included, to find
// what makes one go vet -vettool process slow or large:
//
//	go build -o /tmp/vetprofile ./internal/cmd/vetprofile
//	VETPROFILE_DIR=/tmp/prof go vet -vettool=/tmp/vetprofile ./...
//	go tool pprof -top -sample_index=inuse_space /tmp/vetprofile /tmp/prof/<pkg>.heap
//	go tool pprof -top -cum /tmp/vetprofile $(grep -l vetxonly /tmp/prof/*.pkg | sed 's/pkg$/cpu/')
//
// It runs what conclint runs: on a dependency, only the analyzers with
// facts (see internal/driver). The profiles stop when the last analyzer
// that runs finishes, with the package's syntax, types and results still
// live for the heap profile; the CPU profile covers the process up to
// then. Each b123.pkg file names the package of b123.cpu and b123.heap,
// followed by "vetxonly" for a dependency.
package main

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/driver"
)

func main() {
	suite, vetxOnly := driver.ForFactsOnly(conclint.Suite, os.Args[1:])
	dir := os.Getenv("VETPROFILE_DIR")
	cfg := ""
	if n := len(os.Args); n > 1 && strings.HasSuffix(os.Args[n-1], ".cfg") {
		cfg = os.Args[n-1]
	}
	if dir == "" || cfg == "" {
		unitchecker.Main(suite...)
		return
	}
	// The go command's action directory (b123) names the profile until the
	// package is known.
	base := filepath.Join(dir, filepath.Base(filepath.Dir(cfg)))
	if f, err := os.Create(base + ".cpu"); err == nil {
		pprof.StartCPUProfile(f)
	}
	var running atomic.Int32 // analyzers unitchecker will run that have not finished
	profiled := make([]*analysis.Analyzer, len(suite))
	for i, a := range suite {
		if vetxOnly && !driver.UsesFacts(a) {
			profiled[i] = a // unitchecker skips it
			continue
		}
		running.Add(1)
		wrapped := *a
		wrapped.Run = func(pass *analysis.Pass) (any, error) {
			res, err := a.Run(pass)
			if running.Add(-1) == 0 {
				stopProfiles(base, pass.Pkg.Path(), vetxOnly)
			}
			return res, err
		}
		profiled[i] = &wrapped
	}
	runtime.MemProfileRate = 64 << 10
	unitchecker.Main(profiled...)
}

func stopProfiles(base, pkg string, vetxOnly bool) {
	if f, err := os.Create(base + ".heap"); err == nil {
		pprof.Lookup("heap").WriteTo(f, 0) // allocations since the last GC count too
		f.Close()
	}
	pprof.StopCPUProfile()
	if vetxOnly {
		pkg += " vetxonly"
	}
	os.WriteFile(base+".pkg", []byte(pkg+"\n"), 0o644)
}
