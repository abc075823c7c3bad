// Command vetprofile is conclint as a vet tool that also writes profiles of
// each package it analyses, to find what makes one go vet -vettool process
// slow or large:
//
//	go build -o /tmp/vetprofile ./internal/cmd/vetprofile
//	VETPROFILE_DIR=/tmp/prof go vet -vettool=/tmp/vetprofile ./...
//	go tool pprof -top -sample_index=inuse_space /tmp/vetprofile /tmp/prof/<pkg>.heap
//
// The heap profile is taken when the last analyzer of the suite finishes,
// while the package's syntax, types and results are all still live; the
// CPU profile covers the whole process.
package main

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/conclint/conclint"
)

func main() {
	dir := os.Getenv("VETPROFILE_DIR")
	cfg := ""
	if n := len(os.Args); n > 1 && strings.HasSuffix(os.Args[n-1], ".cfg") {
		cfg = os.Args[n-1]
	}
	if dir == "" || cfg == "" {
		unitchecker.Main(conclint.Suite...)
		return
	}
	// The go command's action directory (b123) names the profile until the
	// package is known.
	base := filepath.Join(dir, filepath.Base(filepath.Dir(cfg)))
	if f, err := os.Create(base + ".cpu"); err == nil {
		pprof.StartCPUProfile(f)
	}
	suite := make([]*analysis.Analyzer, len(conclint.Suite))
	copy(suite, conclint.Suite)
	last := *suite[len(suite)-1]
	run := last.Run
	last.Run = func(pass *analysis.Pass) (any, error) {
		res, err := run(pass)
		if f, ferr := os.Create(base + ".heap"); ferr == nil {
			pprof.Lookup("heap").WriteTo(f, 0) // allocations since the last GC count too
			f.Close()
		}
		pprof.StopCPUProfile()
		os.WriteFile(base+".pkg", []byte(pass.Pkg.Path()+"\n"), 0o644)
		return res, err
	}
	suite[len(suite)-1] = &last
	runtime.MemProfileRate = 64 << 10
	unitchecker.Main(suite...)
}
