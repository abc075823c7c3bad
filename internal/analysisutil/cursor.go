package analysisutil

import (
	"go/ast"

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
