package scope

import (
	"go/ast"

	"golang.org/x/tools/go/ast/inspector"
)

// Request returns the function that makes cur run once per request: the
// innermost enclosing handler, function literals in it included (a rule
// about what the handler itself does compares it with
// analysisutil.EnclosingFunc(cur)). A function that merely takes a
// context.Context or an *http.Request is not enough evidence: run(ctx)
// functions and CLI commands run once, and an *http.Request parameter may
// be an outgoing request (httputil.DumpRequestOut).
func (in *Info) Request(cur inspector.Cursor) (inspector.Cursor, bool) {
	for fcur := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn := in.funcs[fcur.Node()]
		if fn == nil {
			continue
		}
		if fn.Kind.IsHandler() {
			return fcur, true
		}
	}
	return inspector.Cursor{}, false
}
