package handlerblock

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/scope"
)

// fedByContext reports whether every case of the select at cur receives
// from a channel that a call given the context src returned
// (updates, errs := store.Watch(ctx, …)): the producer was handed the
// context, so it ends, and closes or fails its channels, when the
// context does. A send case, or a channel from elsewhere, is not.
func fedByContext(pass *analysis.Pass, sc *scope.Info, fcur, cur inspector.Cursor, src scope.Source) bool {
	sel := cur.Node().(*ast.SelectStmt)
	for _, stmt := range sel.Body.List {
		clause := stmt.(*ast.CommClause)
		var recv ast.Expr
		switch comm := clause.Comm.(type) {
		case *ast.ExprStmt:
			recv = comm.X
		case *ast.AssignStmt:
			if len(comm.Rhs) == 1 {
				recv = comm.Rhs[0]
			}
		}
		op, ok := ast.Unparen(recv).(*ast.UnaryExpr)
		if !ok || op.Op != token.ARROW {
			return false // a send, or default
		}
		id, ok := ast.Unparen(op.X).(*ast.Ident)
		if !ok {
			return false
		}
		v, ok := pass.TypesInfo.Uses[id].(*types.Var)
		if !ok || !returnedByContextCall(pass, sc, fcur, v, src) {
			return false
		}
	}
	return len(sel.Body.List) > 0
}

// returnedByContextCall reports whether the local variable v is declared
// by an assignment from one call that is given src, or a context derived
// from it, as an argument.
func returnedByContextCall(pass *analysis.Pass, sc *scope.Info, fcur inspector.Cursor, v *types.Var, src scope.Source) bool {
	found := false
	for acur := range fcur.Preorder((*ast.AssignStmt)(nil)) {
		as := acur.Node().(*ast.AssignStmt)
		if len(as.Rhs) != 1 || !declares(pass, as, v) {
			continue
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok {
			return false
		}
		for _, arg := range call.Args {
			if givesContext(pass, sc, arg, src) {
				found = true
			}
		}
	}
	return found
}

func declares(pass *analysis.Pass, as *ast.AssignStmt, v *types.Var) bool {
	for _, lhs := range as.Lhs {
		if id, ok := lhs.(*ast.Ident); ok && (pass.TypesInfo.Defs[id] == v || pass.TypesInfo.Uses[id] == v) {
			return true
		}
	}
	return false
}

// givesContext reports whether arg is the context src or one derived from
// it: ctx, or r.Context() for a request r.
func givesContext(pass *analysis.Pass, sc *scope.Info, arg ast.Expr, src scope.Source) bool {
	e := ast.Unparen(arg)
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 0 {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Context" {
			e = ast.Unparen(sel.X) // r.Context()
		}
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	obj := pass.TypesInfo.Uses[id]
	return obj != nil && (obj == src.Var || sc.Within(obj, src.Var))
}
