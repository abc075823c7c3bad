package droppedctx

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// closesOnDone reports whether the function around cur closes something
// when a context is done: context.AfterFunc(ctx, func() { conn.Close() }),
// or a goroutine that receives from ctx.Done() and closes. A plain call on
// that connection (tls.Conn.Handshake over it) then ends with the context
// by hand, the way the variant would.
func closesOnDone(info *types.Info, cur inspector.Cursor) bool {
	var fcur inspector.Cursor
	for fcur = range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		break
	}
	if !fcur.Valid() {
		return false
	}
	found := false
	for c := range fcur.Preorder((*ast.CallExpr)(nil), (*ast.GoStmt)(nil)) {
		switch n := c.Node().(type) {
		case *ast.CallExpr:
			if analysisutil.IsFunc(analysisutil.Callee(info, n), "context", "AfterFunc") && len(n.Args) == 2 {
				found = callsClose(n.Args[1])
			}
		case *ast.GoStmt:
			found = receivesDone(info, n.Call) && callsClose(n.Call)
		}
		if found {
			return true
		}
	}
	return false
}

// callsClose reports whether n calls a method named Close.
func callsClose(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if call, ok := m.(*ast.CallExpr); ok {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Close" {
				found = true
			}
		}
		return !found
	})
	return found
}

// receivesDone reports whether n receives from a context's Done().
func receivesDone(info *types.Info, n ast.Node) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if u, ok := m.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			if call, ok := ast.Unparen(u.X).(*ast.CallExpr); ok {
				if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Done" && analysisutil.IsContext(info.TypeOf(sel.X)) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
