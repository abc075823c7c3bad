package blocking

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"time"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
)

// maxPause is the longest fixed pause a function may make and still not
// count as waiting without a way to cancel: well under a request's
// timeout, it ends soon after the request does anyway.
const maxPause = 5 * time.Second

// boundedPause reports whether the function's sleeps (time.Sleep, a
// receive from time.After) all have constant durations, sit in straight-line
// code or in loops with a constant count, and add up to at most maxPause:
// a retry helper's back-off (for range 5 { …; time.Sleep(100ms) }) or a
// settle delay. Such a function pauses; it does not wait indefinitely.
func (in *Info) boundedPause(sites []Site, body *ast.BlockStmt) bool {
	var total time.Duration
	for _, s := range sites {
		if s.Kind != Sleep {
			continue
		}
		d, ok := in.sleepDuration(s)
		if !ok {
			return false
		}
		for c := s.Cursor.Parent(); c.Node() != body; c = c.Parent() { // sites lie in the body, outside function literals
			if !isLoop(c.Node()) {
				continue
			}
			n, ok := in.constTrips(c)
			if !ok || n > 0 && d > maxPause/time.Duration(n) {
				return false
			}
			d *= time.Duration(n)
		}
		if total += d; total > maxPause {
			return false
		}
	}
	return true
}

func isLoop(n ast.Node) bool {
	switch n.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	}
	return false
}

// sleepDuration returns the constant duration of a Sleep site:
// time.Sleep(d) or a receive from time.After(d).
func (in *Info) sleepDuration(s Site) (time.Duration, bool) {
	var call *ast.CallExpr
	switch n := s.Cursor.Node().(type) {
	case *ast.CallExpr:
		call = n
	case *ast.UnaryExpr:
		c, ok := ast.Unparen(n.X).(*ast.CallExpr)
		if !ok || !catalog.IsTimer(analysisutil.Callee(in.pass.TypesInfo, c)) || catalog.Key(analysisutil.Callee(in.pass.TypesInfo, c)) != "time.After" {
			return 0, false // time.Tick, a Timer's or Ticker's channel: fired as often as it is set to
		}
		call = c
	}
	if call == nil || len(call.Args) != 1 {
		return 0, false
	}
	v, ok := in.constInt(call.Args[0])
	if !ok || v < 0 {
		return 0, false
	}
	return time.Duration(v), true
}

// constTrips returns how many times the loop at cur runs when that is a
// constant: for range N, or for i := a; i < N; i++ (or <=, !=) with
// i assigned nowhere else in the loop.
func (in *Info) constTrips(cur inspector.Cursor) (int64, bool) {
	switch loop := cur.Node().(type) {
	case *ast.RangeStmt:
		if tv, ok := in.pass.TypesInfo.Types[loop.X]; ok {
			if _, isBasic := tv.Type.Underlying().(*types.Basic); isBasic {
				return in.constInt(loop.X)
			}
		}
	case *ast.ForStmt:
		init, ok := loop.Init.(*ast.AssignStmt)
		if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
			return 0, false
		}
		id, ok := init.Lhs[0].(*ast.Ident)
		if !ok {
			return 0, false
		}
		i := in.pass.TypesInfo.Defs[id]
		from, ok1 := in.constInt(init.Rhs[0])
		cond, ok2 := loop.Cond.(*ast.BinaryExpr)
		post, ok3 := loop.Post.(*ast.IncDecStmt)
		if i == nil || !ok1 || !ok2 || !ok3 || post.Tok != token.INC || !in.isVar(post.X, i) || !in.isVar(cond.X, i) {
			return 0, false
		}
		to, ok := in.constInt(cond.Y)
		if !ok || to < from || to-from < 0 || to-from == math.MaxInt64 || in.assignedIn(loop.Body, i) {
			return 0, false // runs never, for ever or past any count that matters
		}
		switch cond.Op {
		case token.LSS, token.NEQ:
			return to - from, true
		case token.LEQ:
			return to - from + 1, true
		}
	}
	return 0, false
}

func (in *Info) constInt(e ast.Expr) (int64, bool) {
	tv, ok := in.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(tv.Value)
}

func (in *Info) isVar(e ast.Expr, v types.Object) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && in.pass.TypesInfo.Uses[id] == v
}

// assignedIn reports whether v is assigned, incremented or has its
// address taken in n.
func (in *Info) assignedIn(n ast.Node, v types.Object) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				found = found || in.isVar(l, v)
			}
		case *ast.IncDecStmt:
			found = found || in.isVar(n.X, v)
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND && in.isVar(n.X, v)
		}
		return !found
	})
	return found
}
