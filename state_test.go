package conclint_test

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conclint/conclint/internal/analysisutil"
)

// TestNoPackageStateAssigned reads the source of every analyzer package,
// and of the shared model that runs inside them, and fails on a function
// (init aside) that assigns a package-level variable,
// a field or element of one, or takes its address: an analyzer's options
// and state live in what New and run build, never in package variables
// that one configuration would change for another.
func TestNoPackageStateAssigned(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("analyzers", "*"))
	for _, model := range []string{"analysisutil", "blocking", "catalog", "directive", "flow", "locks", "rule", "scope"} {
		dirs = append(dirs, filepath.Join("internal", model))
	}
	checked := 0
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		for _, bad := range packageStateWrites(t, dir) {
			t.Errorf("%s", bad)
		}
		checked++
	}
	if checked < 14 {
		t.Fatalf("checked %d packages, want every analyzer and model package", checked)
	}
}

// packageStateWrites returns "file:line: what" for each write of a
// package-level variable outside init in the package in dir.
func packageStateWrites(t *testing.T, dir string) []string {
	t.Helper()
	fset := token.NewFileSet()
	paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var files []*ast.File
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// Imports fail on purpose: the package's own names, which are all this
	// test needs, resolve without them.
	info := &types.Info{Uses: make(map[*ast.Ident]types.Object)}
	conf := types.Config{Importer: noImports{}, Error: func(error) {}}
	pkg, _ := conf.Check(dir, fset, files, info)
	global := func(e ast.Expr) (string, bool) {
		x, ok := analysisutil.RootOperand(e, false).(*ast.Ident)
		if !ok {
			return "", false
		}
		v, ok := info.Uses[x].(*types.Var)
		return x.Name, ok && !v.IsField() && v.Parent() == pkg.Scope()
	}
	var bad []string
	report := func(n ast.Node, name, what string) {
		bad = append(bad, fset.Position(n.Pos()).String()+": "+what+" package-level "+name)
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil || fd.Recv == nil && fd.Name.Name == "init" {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					for _, l := range n.Lhs {
						if name, ok := global(l); ok {
							report(l, name, "assigns")
						}
					}
				case *ast.IncDecStmt:
					if name, ok := global(n.X); ok {
						report(n, name, "changes")
					}
				case *ast.RangeStmt:
					for _, l := range []ast.Expr{n.Key, n.Value} {
						if name, ok := global(l); ok && l != nil && n.Tok == token.ASSIGN {
							report(l, name, "assigns")
						}
					}
				case *ast.UnaryExpr:
					if name, ok := global(n.X); ok && n.Op == token.AND {
						report(n, name, "takes the address of")
					}
				}
				return true
			})
		}
	}
	return bad
}

type noImports struct{}

func (noImports) Import(string) (*types.Package, error) { return nil, errors.New("not imported") }
