package harness

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// SourceImporter imports packages found under roots (analysistest-style
// testdata/src trees holding stubs of third-party APIs) from source, and
// everything else, the standard library, from export data. It caches what
// it imports, so all users must share its FileSet.
type SourceImporter struct {
	fset   *token.FileSet
	roots  []string
	std    types.Importer
	loaded map[string]*types.Package
}

// NewSourceImporter returns an importer over roots, sharing fset.
func NewSourceImporter(fset *token.FileSet, roots ...string) *SourceImporter {
	return &SourceImporter{
		fset:   fset,
		roots:  roots,
		std:    importer.ForCompiler(fset, "gc", stdExportLookup),
		loaded: make(map[string]*types.Package),
	}
}

// Import implements types.Importer.
func (imp *SourceImporter) Import(path string) (*types.Package, error) {
	if pkg, ok := imp.loaded[path]; ok {
		if pkg == nil {
			return nil, fmt.Errorf("import cycle or earlier failure importing %s", path)
		}
		return pkg, nil
	}
	imp.loaded[path] = nil // marks the import in progress
	files, err := imp.parseDir(path)
	if err != nil {
		return nil, err
	}
	var pkg *types.Package
	if files == nil {
		pkg, err = imp.std.Import(path)
	} else {
		conf := types.Config{Importer: imp, Error: func(error) {}}
		pkg, err = conf.Check(path, imp.fset, files, nil)
	}
	if err != nil {
		return nil, err
	}
	imp.loaded[path] = pkg
	return pkg, nil
}

// parseDir parses the non-test files of path's directory in the first
// root that has it, or returns nil, nil when no root does.
func (imp *SourceImporter) parseDir(path string) ([]*ast.File, error) {
	for _, root := range imp.roots {
		dir := filepath.Join(root, filepath.FromSlash(path))
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		var files []*ast.File
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(imp.fset, filepath.Join(dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
		}
		if len(files) > 0 {
			return files, nil
		}
	}
	return nil, nil
}

// stdExports maps each standard package to its export data file. One go
// list for all of std replaces the go list per package that the default
// lookup runs, which dominates a fuzz worker's start on a busy machine.
var stdExports = sync.OnceValues(func() (map[string]string, error) {
	out, err := exec.Command("go", "list", "-e", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}", "std").Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export std: %v", err)
	}
	exports := make(map[string]string)
	for line := range strings.Lines(string(out)) {
		if path, file, ok := strings.Cut(strings.TrimSpace(line), "="); ok && file != "" {
			exports[path] = file
		}
	}
	return exports, nil
})

func stdExportLookup(path string) (io.ReadCloser, error) {
	exports, err := stdExports()
	if err != nil {
		return nil, err
	}
	file, ok := exports[path]
	if !ok {
		return nil, fmt.Errorf("no export data for %q", path)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return io.NopCloser(bytes.NewReader(data)), nil
}
