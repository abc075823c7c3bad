package blocking

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/flow"
)

// maxBoundDepth bounds how far durationBound follows variables and calls.
const maxBoundDepth = 3

// durationBound returns an upper bound of the duration e, when one is
// known: a constant; min(…) with a bounded argument (a back-off capped at
// a second); or a local variable every assignment of which, in the
// function fcur, is bounded (sleepTime := time.Second;
// pollTime = min(2*pollTime, time.Second)).
func (in *Info) durationBound(e ast.Expr, fcur inspector.Cursor, depth int) (int64, bool) {
	if v, ok := in.constInt(e); ok {
		return v, v >= 0
	}
	if depth == 0 {
		return 0, false
	}
	info := in.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		id, ok := ast.Unparen(e.Fun).(*ast.Ident)
		if !ok || info.Uses[id] != types.Universe.Lookup("min") {
			return 0, false
		}
		bound, found := int64(0), false
		for _, arg := range e.Args {
			if v, ok := in.durationBound(arg, fcur, depth-1); ok && (!found || v < bound) {
				bound, found = v, true
			}
		}
		return bound, found
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok || v.Pkg() != in.pass.Pkg || v.Parent() == v.Pkg().Scope() || !fcur.Valid() {
			return 0, false
		}
		values, all := flow.AssignedValues(info, fcur, v)
		if !all || len(values) == 0 {
			return 0, false
		}
		var bound int64
		for _, value := range values {
			b, ok := in.durationBound(value, fcur, depth-1)
			if !ok {
				return 0, false
			}
			bound = max(bound, b)
		}
		return bound, true
	}
	return 0, false
}
