// Package harness runs conclint's analyzers in process on packages that
// tests build themselves (generated, mutated or loaded source), and turns
// an analyzer's panic into an error naming the analyzer, the package and
// the stack, so one bad package does not hide the rest.
//
// It is test and tooling support: the analyzers themselves recover nothing.
package harness

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"runtime"
	"runtime/debug"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// PanicError is an analyzer's panic, caught by a Guard copy.
type PanicError struct {
	Analyzer string
	Package  string
	Value    any
	Stack    string
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("panic in analyzer %s on package %s: %v\n%s", e.Analyzer, e.Package, e.Value, e.Stack)
}

// Guard returns copies of analyzers, and of everything they require,
// whose Run converts a panic into a *PanicError. Each copy calls the
// original Run with a pass that looks as the original expects (its own
// Analyzer, results keyed by the original requirements).
func Guard(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	copies := make(map[*analysis.Analyzer]*analysis.Analyzer)
	originals := make(map[*analysis.Analyzer]*analysis.Analyzer)
	var guard func(a *analysis.Analyzer) *analysis.Analyzer
	guard = func(a *analysis.Analyzer) *analysis.Analyzer {
		if c, ok := copies[a]; ok {
			return c
		}
		c := &analysis.Analyzer{
			Name: a.Name, Doc: a.Doc, URL: a.URL,
			ResultType: a.ResultType, FactTypes: a.FactTypes,
			RunDespiteErrors: a.RunDespiteErrors,
		}
		copies[a], originals[c] = c, a
		for _, req := range a.Requires {
			c.Requires = append(c.Requires, guard(req))
		}
		c.Run = func(pass *analysis.Pass) (result any, err error) {
			orig := *pass
			orig.Analyzer = a
			orig.ResultOf = make(map[*analysis.Analyzer]any, len(pass.ResultOf))
			for req, res := range pass.ResultOf {
				orig.ResultOf[originals[req]] = res
			}
			defer func() {
				if v := recover(); v != nil {
					result, err = nil, &PanicError{Analyzer: a.Name, Package: pass.Pkg.Path(), Value: v, Stack: string(debug.Stack())}
				}
			}()
			return a.Run(&orig)
		}
		return c
	}
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		out[i] = guard(a)
	}
	return out
}

// Check type-checks files as the package path and returns it in the shape
// the checker needs. Type errors are recorded, not returned: the package is
// then IllTyped, as go/packages would mark it.
func Check(fset *token.FileSet, path string, files []*ast.File, imp types.Importer) *packages.Package {
	pkg := &packages.Package{
		ID: path, PkgPath: path, Name: files[0].Name.Name,
		Fset: fset, Syntax: files,
		TypesSizes: types.SizesFor("gc", runtime.GOARCH),
		TypesInfo: &types.Info{
			Types:        make(map[ast.Expr]types.TypeAndValue),
			Instances:    make(map[*ast.Ident]types.Instance),
			Defs:         make(map[*ast.Ident]types.Object),
			Uses:         make(map[*ast.Ident]types.Object),
			Implicits:    make(map[ast.Node]types.Object),
			Selections:   make(map[*ast.SelectorExpr]*types.Selection),
			Scopes:       make(map[ast.Node]*types.Scope),
			FileVersions: make(map[*ast.File]string),
		},
	}
	for _, f := range files {
		name := fset.File(f.FileStart).Name()
		pkg.GoFiles = append(pkg.GoFiles, name)
	}
	pkg.CompiledGoFiles = pkg.GoFiles
	conf := types.Config{
		Importer: imp,
		Sizes:    pkg.TypesSizes,
		Error: func(err error) {
			var terr types.Error
			if errors.As(err, &terr) {
				pkg.TypeErrors = append(pkg.TypeErrors, terr)
			}
		},
	}
	pkg.Types, _ = conf.Check(path, fset, files, pkg.TypesInfo)
	pkg.IllTyped = len(pkg.TypeErrors) > 0
	return pkg
}

// Result is what one Analyze call found.
type Result struct {
	Diagnostics map[string][]analysis.Diagnostic // by analyzer name, root packages only
	Panics      []*PanicError
	Errors      []error // other action errors, e.g. a package skipped for type errors
}

// Analyze runs analyzers (usually Guard copies) on pkgs and their
// dependencies listed in Imports.
func Analyze(analyzers []*analysis.Analyzer, pkgs ...*packages.Package) (*Result, error) {
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		return nil, err
	}
	res := &Result{Diagnostics: make(map[string][]analysis.Diagnostic)}
	for act := range graph.All() {
		if act.Err != nil {
			var p *PanicError
			if errors.As(act.Err, &p) {
				res.Panics = append(res.Panics, p)
			} else {
				res.Errors = append(res.Errors, fmt.Errorf("%s on %s: %w", act.Analyzer.Name, act.Package.PkgPath, act.Err))
			}
			continue
		}
		if act.IsRoot {
			res.Diagnostics[act.Analyzer.Name] = append(res.Diagnostics[act.Analyzer.Name], act.Diagnostics...)
		}
	}
	sort.Slice(res.Panics, func(i, j int) bool {
		return res.Panics[i].Package+res.Panics[i].Analyzer < res.Panics[j].Package+res.Panics[j].Analyzer
	})
	return res, nil
}
