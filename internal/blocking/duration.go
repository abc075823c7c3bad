package blocking

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/flow"
)

// maxBoundDepth bounds how far durationBound follows variables, calls and
// operators; maxBoundValue keeps its products clear of overflow.
const (
	maxBoundDepth = 6
	maxBoundValue = 1 << 40
)

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
	case *ast.BinaryExpr:
		x, ok1 := in.durationBound(e.X, fcur, depth-1)
		y, ok2 := in.durationBound(e.Y, fcur, depth-1)
		switch {
		case !ok1 || !ok2 || x > maxBoundValue || y > maxBoundValue:
		case e.Op == token.MUL:
			return x * y, true
		case e.Op == token.ADD:
			return x + y, true
		}
		return 0, false
	case *ast.CallExpr:
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return in.durationBound(e.Args[0], fcur, depth) // time.Duration(n)
		}
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
		if last, ok := in.lastCount(v, fcur); ok {
			return last, true // the attempt of a retry loop: time.Duration(100*attempt) * time.Millisecond
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

// lastCount returns the largest value of v when v counts the passes of a
// loop of a constant count (for i := range 3, for i := 1; i <= 3; i++)
// and the loop does not set it otherwise.
func (in *Info) lastCount(v *types.Var, fcur inspector.Cursor) (int64, bool) {
	for cur := range fcur.Preorder((*ast.RangeStmt)(nil), (*ast.ForStmt)(nil)) {
		var from int64
		switch loop := cur.Node().(type) {
		case *ast.RangeStmt:
			if id, ok := loop.Key.(*ast.Ident); !ok || in.pass.TypesInfo.Defs[id] != v {
				continue
			}
		case *ast.ForStmt:
			init, ok := loop.Init.(*ast.AssignStmt)
			if !ok || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
				continue
			}
			if id, ok := init.Lhs[0].(*ast.Ident); !ok || in.pass.TypesInfo.Defs[id] != v {
				continue
			}
			from, _ = in.constInt(init.Rhs[0])
		default:
			continue
		}
		if n, ok := in.constTrips(cur); ok && n > 0 && from >= 0 {
			return from + n - 1, true
		}
		return 0, false
	}
	return 0, false
}
