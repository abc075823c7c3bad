package scope

import (
	"go/ast"

	"golang.org/x/tools/go/ast/inspector"
)

// Request returns the function that makes cur run once per request: the
// innermost enclosing function that is a handler, or that takes the
// *http.Request being served (a helper of a handler, a RoundTripper).
// A function that merely takes a context.Context is not enough evidence:
// run(ctx) functions and CLI commands take one and run once.
func (in *Info) Request(cur inspector.Cursor) (inspector.Cursor, bool) {
	for fcur := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn := in.funcs[fcur.Node()]
		if fn == nil {
			continue
		}
		if fn.Kind.IsHandler() {
			return fcur, true
		}
		for _, src := range fn.Sources {
			if !src.Derived && isPointerTo(src.Var.Type(), "net/http", "Request") {
				return fcur, true
			}
		}
	}
	return inspector.Cursor{}, false
}
