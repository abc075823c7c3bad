package droppedctx

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
)

// checkCaptured reports a handler literal that passes on the context of
// the function that set it up (routes(ctx) registering a closure that
// queries with ctx) instead of its request's: canceling the request stops
// nothing, and the set-up context, often the server's lifetime, governs
// the work instead.
func (c *checker) checkCaptured(cur inspector.Cursor, call *ast.CallExpr) {
	hcur, ok := c.scope.Request(cur)
	if !ok {
		return
	}
	lit, ok := hcur.Node().(*ast.FuncLit)
	if !ok {
		return
	}
	fn := analysisutil.Callee(c.pass.TypesInfo, call)
	if analysisutil.IsFunc(fn, "context", "WithoutCancel") || !c.opts.Logging && catalog.IsLogging(fn) {
		return
	}
	for _, arg := range call.Args {
		id := identOf(arg)
		if id == nil {
			continue
		}
		captured, ok := c.scope.Source(c.pass.TypesInfo.Uses[id])
		if !ok || captured.Detached || captured.Testing || captured.Var.Pos() >= lit.Pos() || !analysisutil.IsContext(captured.Var.Type()) {
			continue
		}
		own, ok := c.inScope(cur)
		if !ok || own.Var.Pos() < lit.Pos() {
			return // runs apart from the request, or the handler has no context of its own
		}
		c.reporter.Report(analysis.Diagnostic{
			Pos: id.Pos(), End: id.End(), Category: ruleCaptured,
			Message: "handler passes " + id.Name + ", the context of the code that set it up, not its request's: the work runs on after the client goes away; pass " + own.Expr,
			SuggestedFixes: []analysis.SuggestedFix{{
				Message:   "Use " + own.Expr,
				TextEdits: []analysis.TextEdit{analysisutil.Replace(id, own.Expr)},
			}},
		})
		return
	}
}
