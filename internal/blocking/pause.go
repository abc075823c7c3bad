package blocking

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"slices"
	"time"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
)

// maxPause is the longest sleep that counts as a deliberate pause (a
// throttle, a settle delay, a poll interval): it ends soon after the
// context does anyway. Blind reviews judged fixed sleeps of one or two
// seconds not worth a report, and every sleep they judged worth one was
// five seconds or more, or set by a server or a caller. maxBackoff bounds the total of a pause repeated by
// a loop with a constant count (a retry helper's back-off).
const (
	maxPause   = 2 * time.Second
	maxBackoff = 5 * time.Second
)

// IsPause reports whether the Sleep site s (time.Sleep, or a receive from
// time.After) is a deliberate pause: a constant duration of at most
// maxPause, in straight-line code or in loops that can end (a condition, a
// break or a return), and, in loops with a constant count, maxBackoff at
// most in all; or a constant duration of at most maxBackoff that holds
// back a failing caller (see holdsFailure). A sleep in a loop that never
// ends, or of a duration set elsewhere, is no pause: it outlives any
// context. The same policy holds for a function's own sleeps and, through
// its Waits fact, for its callers.
func (in *Info) IsPause(s Site) bool {
	if s.Kind != Sleep {
		return false
	}
	if in.isTimerDrain(s) {
		return true
	}
	d, ok := in.sleepDuration(s)
	if !ok || d > maxBackoff || d > maxPause && !in.holdsFailure(s) {
		return false
	}
	for c := s.Cursor.Parent(); c.Node() != nil; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return true
		}
		if !isLoop(c.Node()) {
			continue
		}
		if n, ok := in.constTrips(c); ok {
			if n > 0 && d > maxBackoff/time.Duration(n) {
				return false
			}
			d *= time.Duration(n)
			continue
		}
		if !canEnd(in.pass.TypesInfo, c.Node()) {
			return false
		}
	}
	return true
}

// holdsFailure reports whether the Sleep site s holds back a caller that
// failed: the statement right after it returns a non-nil error, outside
// any loop (`time.Sleep(5 * time.Second); return err`, so that the caller
// does not retry at once). Such a throttle is deliberate, and ends
// maxBackoff at most after the context does.
func (in *Info) holdsFailure(s Site) bool {
	ret, ok := ReturnsNext(s.Cursor)
	if !ok || len(ret.Results) == 0 {
		return false
	}
	last := ret.Results[len(ret.Results)-1]
	tv, ok := in.pass.TypesInfo.Types[last]
	return ok && !tv.IsNil() && analysisutil.IsError(tv.Type)
}

// ReturnsNext returns the return statement that follows, at once, the
// expression statement made of the expression at cur, when no loop lies
// between it and its function: the last thing the function does before
// returning (a delay of the caller, on purpose).
func ReturnsNext(cur inspector.Cursor) (*ast.ReturnStmt, bool) {
	stmt, ok := cur.Parent().Node().(*ast.ExprStmt)
	if !ok || stmt.X != cur.Node() {
		return nil, false
	}
	block, ok := cur.Parent().Parent().Node().(*ast.BlockStmt)
	if !ok {
		return nil, false
	}
	i := slices.Index(block.List, ast.Stmt(stmt))
	if i < 0 || i+1 >= len(block.List) {
		return nil, false
	}
	ret, ok := block.List[i+1].(*ast.ReturnStmt)
	if !ok {
		return nil, false
	}
	for c := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		return ret, !isLoop(c.Node())
	}
	return nil, false
}

// canEnd reports whether a loop has a way out: a condition, a range, or a
// break, return, goto or panic in its body (outside nested function
// literals; a break inside a nested loop, switch or select counts too,
// to stay simple).
func canEnd(info *types.Info, loop ast.Node) bool {
	f, ok := loop.(*ast.ForStmt)
	if !ok || f.Cond != nil {
		return true
	}
	return exits(info, f.Body, true)
}

func isLoop(n ast.Node) bool {
	switch n.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	}
	return false
}

// sleepDuration returns the longest duration of a Sleep site, time.Sleep(d)
// or a receive from time.After(d), when d is bounded (see durationBound).
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
	var fcur inspector.Cursor
	for f := range s.Cursor.Enclosing((*ast.FuncDecl)(nil)) {
		fcur = f
	}
	v, ok := in.durationBound(call.Args[0], fcur, maxBoundDepth)
	if !ok {
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

// isTimerDrain reports whether the Sleep site s is a receive that empties
// a timer's channel rather than waiting for it: inside if !t.Stop() {…}
// (Stop failed: the timer fired and its value is there), or right after
// t := time.NewTimer(0) (a timer made fired, to start stopped).
func (in *Info) isTimerDrain(s Site) bool {
	recv, ok := s.Cursor.Node().(*ast.UnaryExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(recv.X).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "C" {
		return false
	}
	timer := analysisutil.ExprString(in.pass.Fset, sel.X)
	for c := s.Cursor.Parent(); c.Node() != nil; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if not, ok := ast.Unparen(n.Cond).(*ast.UnaryExpr); ok && not.Op == token.NOT {
				if call, ok := ast.Unparen(not.X).(*ast.CallExpr); ok {
					if stop, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && stop.Sel.Name == "Stop" && analysisutil.ExprString(in.pass.Fset, stop.X) == timer {
						return true
					}
				}
			}
		case *ast.BlockStmt:
			if in.followsZeroTimer(n, s.Cursor, timer) {
				return true
			}
		}
	}
	return false
}

// followsZeroTimer reports whether, in block, the statement just before
// the one holding the receive at cur makes timer with time.NewTimer(0).
func (in *Info) followsZeroTimer(block *ast.BlockStmt, cur inspector.Cursor, timer string) bool {
	for i, st := range block.List {
		assign, ok := st.(*ast.AssignStmt)
		if !ok || len(assign.Lhs) != 1 || len(assign.Rhs) != 1 || i+1 >= len(block.List) {
			continue
		}
		call, ok := ast.Unparen(assign.Rhs[0]).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || analysisutil.ExprString(in.pass.Fset, assign.Lhs[0]) != timer {
			continue
		}
		fn := analysisutil.Callee(in.pass.TypesInfo, call)
		if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "time" || fn.Name() != "NewTimer" {
			continue
		}
		if tv, ok := in.pass.TypesInfo.Types[call.Args[0]]; ok && tv.Value != nil && tv.Value.String() == "0" {
			if next := block.List[i+1]; next.Pos() <= cur.Node().Pos() && cur.Node().End() <= next.End() {
				return true
			}
		}
	}
	return false
}

// Paces reports whether the loop at loop sleeps at least min on its way
// round: its body sleeps (time.Sleep, a receive from time.After) for a
// constant duration of at least min. Such a loop polls or re-joins at a
// slow pace (every ten minutes, every hour); what it rebuilds per pass
// costs little.
func (in *Info) Paces(loop inspector.Cursor, min time.Duration) bool {
	found := false
	// Walks the loop itself, not Sites: those need Model's tables, and
	// Paces is asked on every package (poolperrequest keeps facts).
	loop.Inspect([]ast.Node{(*ast.FuncLit)(nil), (*ast.CallExpr)(nil), (*ast.UnaryExpr)(nil)}, func(cur inspector.Cursor) bool {
		if found {
			return false
		}
		switch n := cur.Node().(type) {
		case *ast.FuncLit:
			return false // runs when called, not on the loop's way round
		case *ast.CallExpr:
			if !analysisutil.IsFunc(analysisutil.Callee(in.pass.TypesInfo, n), "time", "Sleep") {
				return true
			}
		case *ast.UnaryExpr:
			if n.Op != token.ARROW {
				return true
			}
		}
		if d, ok := in.sleepDuration(Site{Cursor: cur, Kind: Sleep}); ok && d >= min {
			found = true
		}
		return !found
	})
	return found
}
