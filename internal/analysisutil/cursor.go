package analysisutil

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// EnclosingFunc returns the innermost function declaration or literal
// around cur, or a zero cursor outside any function.
func EnclosingFunc(cur inspector.Cursor) inspector.Cursor {
	for fcur := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return fcur
	}
	return inspector.Cursor{}
}

// FuncBody returns the body of a function declaration or literal, nil for
// other nodes and for declarations without one.
func FuncBody(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.FuncDecl:
		return n.Body
	case *ast.FuncLit:
		return n.Body
	}
	return nil
}

// BoundVar returns the variable a function literal is assigned to (f :=
// func() {…}), or nil when lit is not the right side of an assignment to
// a plain identifier.
func BoundVar(info *types.Info, lit inspector.Cursor) types.Object {
	assign, ok := lit.Parent().Node().(*ast.AssignStmt)
	if !ok || len(assign.Lhs) != len(assign.Rhs) {
		return nil
	}
	for i, rhs := range assign.Rhs {
		if rhs == lit.Node() {
			if id, ok := assign.Lhs[i].(*ast.Ident); ok {
				return info.ObjectOf(id)
			}
		}
	}
	return nil
}
