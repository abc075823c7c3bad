package flow

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

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

// Unwrap returns the argument that a must-style call passes through, and
// true: a call of a generic function whose first parameter and first
// result are its type parameter (must.NotFail(f()), lo.Must(x, err)), or
// of a function named Must… whose first parameter's type is its first
// result's (Must(req, err)). Otherwise it returns e, false.
func Unwrap(info *types.Info, e ast.Expr) (ast.Expr, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return e, false
	}
	fn := analysisutil.Callee(info, call)
	if fn == nil {
		return e, false
	}
	sig := fn.Origin().Signature()
	if sig.Params().Len() == 0 || sig.Results().Len() == 0 {
		return e, false
	}
	param, result := sig.Params().At(0).Type(), sig.Results().At(0).Type()
	_, generic := param.(*types.TypeParam)
	named := strings.HasPrefix(fn.Name(), "Must") || strings.HasPrefix(fn.Name(), "must")
	if !types.Identical(param, result) || !generic && !named {
		return e, false
	}
	return call.Args[0], true
}
