package scope

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
)

// Hijacked reports whether src, at cur, is the context of a served request
// whose handler has taken its connection over from net/http before cur (a
// websocket upgrade, catalog.IsHijack). net/http cancels that context only
// when the handler returns, not when the peer goes away, so a wait that
// watches it watches nothing the handler does not already end.
func (in *Info) Hijacked(cur inspector.Cursor, src Source) bool {
	req := in.requestOf(src)
	if req == nil {
		return false
	}
	for fcur := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		n := fcur.Node()
		if req.Pos() < n.Pos() || req.Pos() >= n.End() {
			continue // a closure inside the handler: the handler's body decides
		}
		for call := range fcur.Preorder((*ast.CallExpr)(nil)) {
			if call.Node().Pos() < cur.Node().Pos() && catalog.IsHijack(analysisutil.Callee(in.info, call.Node().(*ast.CallExpr))) {
				return true
			}
		}
		return false
	}
	return false
}

// requestOf returns the *http.Request parameter whose context src is:
// r itself (r.Context()), or a local assigned only r.Context().
func (in *Info) requestOf(src Source) *types.Var {
	if analysisutil.IsPointerTo(src.Var.Type(), "net/http", "Request") {
		return src.Var
	}
	values := in.assigns[src.Var]
	if !src.Derived || len(values) == 0 {
		return nil
	}
	var req *types.Var
	for _, value := range values {
		call, ok := ast.Unparen(value).(*ast.CallExpr)
		if !ok {
			return nil
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Context" {
			return nil
		}
		v, ok := analysisutil.IdentObject(in.info, sel.X).(*types.Var)
		if !ok || !analysisutil.IsPointerTo(v.Type(), "net/http", "Request") || req != nil && v != req {
			return nil
		}
		req = v
	}
	return req
}
