package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/conclint/conclint/internal/analysisutil"
)

// Fresh reports whether e builds a new value, one nothing else holds yet:
// T{…}, &T{…} or new(T).
func Fresh(info *types.Info, e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return true
	case *ast.CallExpr:
		return IsNew(info, e)
	}
	return false
}

// IsNew reports whether call is new(T).
func IsNew(info *types.Info, call *ast.CallExpr) bool {
	return len(call.Args) == 1 && analysisutil.IsBuiltin(info, call, "new")
}
