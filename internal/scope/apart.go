package scope

import (
	"go/ast"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// RunsApart reports whether the code at cur runs apart from the lifetime of
// the context src: inside a go or defer statement, a time.AfterFunc
// callback, or a function literal that is returned or stored (a release
// func called later), any of which sits within the context's function.
// Dropping the context there is deliberate.
func (in *Info) RunsApart(cur inspector.Cursor, src Source) bool {
	declPos := src.Var.Pos()
	for c := cur.Parent(); ; c = c.Parent() {
		n := c.Node()
		if _, isFile := n.(*ast.File); isFile || n == nil || n.Pos() < declPos {
			return false
		}
		switch n := n.(type) {
		case *ast.GoStmt, *ast.DeferStmt:
			return true
		case *ast.CallExpr:
			if analysisutil.IsFunc(analysisutil.Callee(in.info, n), "time", "AfterFunc") {
				return true
			}
		case *ast.FuncLit:
			switch c.Parent().Node().(type) {
			case *ast.ReturnStmt, *ast.CompositeLit, *ast.KeyValueExpr:
				return true
			}
		}
	}
}
