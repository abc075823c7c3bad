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
