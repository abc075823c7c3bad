// Package srctest type-checks small sources for the unit tests of the
// shared model (flow, locks, analysisutil).
package srctest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

// Check parses src as the file p.go of package p and type-checks it with
// conf, filling every map of types.Info the model reads. Type errors go to
// conf.Error; with none set, the first fails the test.
func Check(t testing.TB, src string, conf types.Config) (*token.FileSet, *ast.File, *types.Info) {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:     make(map[ast.Node]*types.Scope),
	}
	if _, err := conf.Check("p", fset, []*ast.File{file}, info); err != nil && conf.Error == nil {
		t.Fatal(err)
	}
	return fset, file, info
}
