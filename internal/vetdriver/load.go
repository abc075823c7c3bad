package vetdriver

import (
	"bytes"
	"encoding/json"
	"io"
	"os/exec"
	"strings"

	"github.com/conclint/conclint/internal/report"
)

// loadFailed reports whether go vet stopped before analysing anything:
// it printed errors of no package (no "# package" line).
func loadFailed(failures []report.Failure) bool {
	for _, f := range failures {
		if f.Package != "" {
			return false
		}
	}
	return len(failures) > 0
}

// listPackages lists the packages matching patterns and their tests, as
// go vet loads them, with go list -e, and returns the load errors as
// failures, each once under the package it is in, and the import paths
// of the packages that load, neither broken nor depending on a broken
// one, tests included. ok is false when go list fails itself.
func listPackages(buildFlags, patterns []string) (broken []report.Failure, healthy []string, ok bool) {
	// go list checks //go:embed patterns only when asked for the files.
	args := append(append([]string{"list", "-e", "-test"}, buildFlags...),
		"-json=ImportPath,ForTest,Error,DepsErrors,EmbedFiles,TestEmbedFiles,XTestEmbedFiles")
	cmd := exec.Command("go", append(args, patterns...)...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		return nil, nil, false
	}
	type listError struct {
		ImportStack []string
		Pos, Err    string
	}
	seen := make(map[report.Failure]bool)
	add := func(pkg string, e *listError) {
		if len(e.ImportStack) > 0 {
			pkg = e.ImportStack[len(e.ImportStack)-1] // the package the error is in
		}
		msg := e.Err
		if e.Pos != "" {
			msg = strings.TrimPrefix(e.Pos, "./") + ": " + msg
		}
		f := report.Failure{Package: pkg, Message: msg}
		if !seen[f] {
			seen[f] = true
			broken = append(broken, f)
		}
	}
	var listed []string
	failed := make(map[string]bool) // a package, or its tests, does not load
	dec := json.NewDecoder(&stdout)
	for {
		var p struct {
			ImportPath, ForTest string
			Error               *listError
			DepsErrors          []*listError
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, false
		}
		pkg := p.ForTest // "p [p.test]" and "p_test [p.test]" are p's tests
		if pkg == "" {
			if strings.HasSuffix(p.ImportPath, ".test") {
				continue // the generated test main
			}
			pkg = p.ImportPath
			listed = append(listed, pkg)
		}
		if p.Error != nil {
			add(p.ImportPath, p.Error)
		}
		for _, e := range p.DepsErrors {
			add(p.ImportPath, e)
		}
		failed[pkg] = failed[pkg] || p.Error != nil || len(p.DepsErrors) > 0
	}
	for _, pkg := range listed {
		if !failed[pkg] {
			healthy = append(healthy, pkg)
		}
	}
	return broken, healthy, true
}
