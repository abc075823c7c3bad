package scope_test

import (
	"go/ast"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/scope"
)

// probe reports, at every call of a function named probe, whether the
// context in scope there is cancellable.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "report scope.Cancellable at probe() calls",
	Requires: []*analysis.Analyzer{inspect.Analyzer, scope.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		sc := pass.ResultOf[scope.Analyzer].(*scope.Info)
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
			id, ok := cur.Node().(*ast.CallExpr).Fun.(*ast.Ident)
			if !ok || id.Name != "probe" {
				continue
			}
			src, ok := sc.Context(cur, false)
			switch {
			case !ok:
				pass.Reportf(id.Pos(), "no context")
			case sc.Cancellable(src):
				pass.Reportf(id.Pos(), "%s cancellable", src.Expr)
			default:
				pass.Reportf(id.Pos(), "%s not cancellable", src.Expr)
			}
		}
		return nil, nil
	},
}

func TestCancellable(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe, "cancel", "cobrabg", "cobractx", "clibg", "clisignal")
}

// TestInfoHasNoLocks checks that Info carries no lock or once: what it
// knows is computed during run, so the rule analyzers read it at once.
func TestInfoHasNoLocks(t *testing.T) {
	for f := range reflect.TypeFor[scope.Info]().Fields() {
		if f.Type.PkgPath() == "sync" {
			t.Errorf("scope.Info.%s is a %s: compute it during run instead", f.Name, f.Type)
		}
	}
}
