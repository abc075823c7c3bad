package scope_test

import (
	"fmt"
	"go/ast"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/scope"
)

var kindNames = map[scope.Kind]string{
	scope.None: "none", scope.ContextParam: "ctxparam", scope.HTTPHandler: "http",
	scope.GinHandler: "gin", scope.EchoHandler: "echo", scope.GRPCMethod: "grpc",
}

// model reports what the scope model says at every call of a function
// named at: the enclosing function's kind, the context in scope, whether a
// handler encloses it, and whether it runs apart from that context or
// where the context is done already; and, at every function declaration
// the model judges test-only or a callback, that it is.
var model = &analysis.Analyzer{
	Name:     "model",
	Doc:      "report the scope model at at() calls and test-only functions",
	Requires: []*analysis.Analyzer{inspect.Analyzer, scope.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		sc := pass.ResultOf[scope.Analyzer].(*scope.Info)
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		callbacks := sc.FindCallbacks(pass, insp)
		for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.CallExpr)(nil)) {
			if decl, ok := cur.Node().(*ast.FuncDecl); ok {
				if sc.TestOnly(decl) {
					pass.Reportf(decl.Name.Pos(), "test only")
				}
				if callbacks.Has(decl) {
					pass.Reportf(decl.Name.Pos(), "callback")
				}
				continue
			}
			id, ok := cur.Node().(*ast.CallExpr).Fun.(*ast.Ident)
			if !ok || id.Name != "at" {
				continue
			}
			var fn *scope.Func
			for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
				fn = sc.Func(f.Node())
				break
			}
			words := []string{"kind=" + kindNames[fn.Kind]}
			src, ok := sc.Context(cur, false)
			if ok {
				words = append(words, "ctx="+src.Expr)
				if sc.RunsApart(cur, src) {
					words = append(words, "apart")
				}
				if sc.RunsApart(cur, src) != sc.RunsApartUnjoined(cur, src) {
					words = append(words, "joined")
				}
			}
			if tsrc, tok := sc.Context(cur, true); tok && (!ok || tsrc != src) {
				words = append(words, "tests:ctx="+tsrc.Expr) // the context in scope when test code is checked
			}
			if _, ok := sc.Request(cur); ok {
				words = append(words, "request")
			}
			if sc.KnownDone(cur) {
				words = append(words, "done")
			}
			pass.Reportf(id.Pos(), "%s", strings.Join(words, " "))
		}
		return nil, nil
	},
}

func TestModel(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), model, "model", "kinds", "callback")
}

func ExampleKind() {
	fmt.Println(scope.HTTPHandler.IsHandler(), scope.ContextParam.IsHandler())
	// Output: true false
}
