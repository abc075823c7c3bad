package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// AssignedValues returns every value assigned to v in region (for a, b := f(),
// the call f() as a's value), and whether they are all of v's values:
// false when region also sets v in a way that yields no expression (an
// operator assignment, ++ or --, a later result of a call, &v taken).
func AssignedValues(info *types.Info, region inspector.Cursor, v types.Object) (values []ast.Expr, all bool) {
	all = true
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.ObjectOf(id) == v
	}
	for cur := range region.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.IncDecStmt)(nil), (*ast.UnaryExpr)(nil)) {
		var lhs, rhs []ast.Expr
		plain := true
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			lhs, rhs, plain = n.Lhs, n.Rhs, n.Tok == token.ASSIGN || n.Tok == token.DEFINE
		case *ast.ValueSpec:
			for _, name := range n.Names {
				lhs = append(lhs, name)
			}
			rhs = n.Values
		case *ast.IncDecStmt:
			all = all && !is(n.X)
		case *ast.UnaryExpr:
			all = all && !(n.Op == token.AND && is(n.X))
		}
		for i, l := range lhs {
			switch {
			case !is(l):
			case !plain:
				all = false
			case len(lhs) == len(rhs):
				values = append(values, rhs[i])
			case len(rhs) == 1 && i == 0:
				values = append(values, rhs[0]) // ctx, cancel := context.WithTimeout(…)
			default:
				all = false
			}
		}
	}
	return values, all
}
