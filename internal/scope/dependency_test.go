package scope_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/scope"
)

// TestEmptyOnDependencies: the model of a package of a dependency module
// (required at a version) is empty, that of the module being checked is
// not: the drivers run scope on dependencies only for the analyzers with
// facts, which ask it nothing there.
func TestEmptyOnDependencies(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n\nimport \"context\"\n\nfunc F(ctx context.Context) { _ = ctx }\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	files := []*ast.File{f}
	info := &types.Info{
		Types: make(map[ast.Expr]types.TypeAndValue), Defs: make(map[*ast.Ident]types.Object),
		Uses: make(map[*ast.Ident]types.Object), Selections: make(map[*ast.SelectorExpr]*types.Selection),
		Implicits: make(map[ast.Node]types.Object), Scopes: make(map[ast.Node]*types.Scope),
	}
	pkg, err := (&types.Config{Importer: importer.ForCompiler(fset, "source", nil)}).Check("example.com/p", fset, files, info)
	if err != nil {
		t.Fatal(err)
	}
	decl := f.Decls[1].(*ast.FuncDecl)
	for _, tc := range []struct {
		module *analysis.Module
		model  bool
	}{
		{nil, true},
		{&analysis.Module{Path: "example.com/p"}, true},
		{&analysis.Module{Path: "example.com/p", Version: "v1.2.3"}, false},
	} {
		pass := &analysis.Pass{
			Analyzer: scope.Analyzer, Fset: fset, Files: files, Pkg: pkg, TypesInfo: info, Module: tc.module,
			ResultOf: map[*analysis.Analyzer]any{inspect.Analyzer: inspector.New(files)},
		}
		res, err := scope.Analyzer.Run(pass)
		if err != nil {
			t.Fatal(err)
		}
		fn := res.(*scope.Info).Func(decl)
		if got := fn != nil && fn.Kind == scope.ContextParam; got != tc.model {
			t.Errorf("module %+v: F modelled as a function with a context parameter: %v, want %v", tc.module, got, tc.model)
		}
	}
}
