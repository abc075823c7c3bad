package unboundedgo

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// limited reports whether something visible bounds how many goroutines sp
// runs at once across loop, or whether sp is an idiom that needs no bound.
// A group, channel or semaphore made inside loop (or inside the work
// itself) is one per iteration: it bounds nothing across loop.
func (c *checker) limited(sp spawn, loop inspector.Cursor) bool {
	if sp.isGroup && c.groupLimited(sp) {
		if _, created := c.creation(outermost(sp.cur), sp.group); !created || !c.madeIn(sp.group, loop.Node()) {
			return true
		}
	}
	return c.loopLimits(sp, loop) || c.selfLimits(sp.work, loop.Node(), 2) || c.lookupFiltered(sp, loop)
}

// lookupFiltered reports whether the loop starts sp only for items found
// in a map of a field or package variable that the input does not size
// (the receiver's configured dispatchers, a registry): v, ok := m[k] and then
// `if !ok { continue }` before the spawn, or the spawn inside
// `if v, ok := m[k]; ok { … }`. At most one goroutine per entry of m.
func (c *checker) lookupFiltered(sp spawn, loop inspector.Cursor) bool {
	var body *ast.BlockStmt
	switch l := loop.Node().(type) {
	case *ast.RangeStmt:
		body = l.Body
	case *ast.ForStmt:
		body = l.Body
	}
	if body == nil {
		return false
	}
	spawnPos := sp.cur.Node().Pos()
	found := make(map[types.Object]ast.Expr) // the ok of a lookup, to the map it looks in
	for _, stmt := range body.List {
		if stmt.Pos() > spawnPos {
			break
		}
		switch st := stmt.(type) {
		case *ast.AssignStmt:
			if ok, m := c.lookupOK(st); ok != nil {
				found[ok] = m
			}
		case *ast.IfStmt:
			if init, isAssign := st.Init.(*ast.AssignStmt); isAssign && st.Body.Pos() <= spawnPos && spawnPos < st.Body.End() {
				if ok, m := c.lookupOK(init); ok != nil && analysisutil.IdentObject(c.pass.TypesInfo, st.Cond) == ok {
					return !c.dataSized(sp, m)
				}
			}
			u, isNot := ast.Unparen(st.Cond).(*ast.UnaryExpr)
			if !isNot || u.Op != token.NOT || len(st.Body.List) == 0 {
				continue
			}
			m := found[analysisutil.IdentObject(c.pass.TypesInfo, u.X)]
			last, isBranch := st.Body.List[len(st.Body.List)-1].(*ast.BranchStmt)
			if m != nil && isBranch && last.Tok == token.CONTINUE && last.Label == nil && !c.dataSized(sp, m) {
				return true
			}
		}
	}
	return false
}

// lookupOK returns the ok variable of `v, ok := m[k]` (or =) on a map kept
// in a field or package variable, and the map.
func (c *checker) lookupOK(as *ast.AssignStmt) (types.Object, ast.Expr) {
	ok, m := analysisutil.MapLookup(c.pass.TypesInfo, as)
	if ok == nil || !analysisutil.Lasting(analysisutil.ObjectOf(c.pass.TypesInfo, m)) {
		return nil, nil // a local map may be built from the input
	}
	return ok, m
}

// madeIn reports whether the variable at the root of e (s.sem, sem) is
// declared inside n. Anything else (a field's root outside n, a parameter,
// an expression with no variable) counts as shared.
func (c *checker) madeIn(e any, n ast.Node) bool {
	var v types.Object
	switch e := e.(type) {
	case *types.Var:
		if e == nil {
			return false
		}
		v = e
	case ast.Expr:
		v = c.root(e)
	}
	return v != nil && n.Pos() <= v.Pos() && v.Pos() < n.End()
}

// root returns the variable at the root of x, x.f, x[i], *x or x.M(), or nil.
func (c *checker) root(e ast.Expr) types.Object {
	id, ok := analysisutil.RootOperand(e, true).(*ast.Ident)
	if !ok {
		return nil
	}
	if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok {
		return v
	}
	return nil
}

// outermost returns the top-level function holding cur.
func outermost(cur inspector.Cursor) inspector.Cursor {
	top := cur
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		top = f
	}
	return top
}

// groupLimited reports whether the errgroup of sp has, or may have, a
// limit: SetLimit is called on it, or it comes from or goes somewhere this
// function cannot see (a field, a parameter, an argument).
func (c *checker) groupLimited(sp spawn) bool {
	g := sp.group
	if g == nil {
		return true // a field or an expression: set up elsewhere
	}
	top := outermost(sp.cur)
	if _, created := c.creation(top, g); !created {
		return true // a parameter, a copy of a field: its limit may be set elsewhere
	}
	for cur := range top.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if c.pass.TypesInfo.Uses[id] != g {
			continue
		}
		sel, ok := cur.Parent().Node().(*ast.SelectorExpr)
		if !ok || sel.X != id || sel.Sel.Name == "SetLimit" {
			return true // limited, or the group escapes
		}
	}
	return false
}

// loopLimits reports whether the body of loop, outside nested functions,
// holds a limiter of sp: a channel send before the spawn (a semaphore) or
// a call of Acquire or TryAcquire, on a channel or semaphore shared across
// iterations; a bare receive (a token, a join) or a call of Wait (a rate
// limiter, a batch wait); or a call of Accept (a server's accept loop).
func (c *checker) loopLimits(sp spawn, loop inspector.Cursor) bool {
	spawnPos := sp.cur.Node().Pos()
	for cur := range loop.Preorder((*ast.SendStmt)(nil), (*ast.ExprStmt)(nil), (*ast.CallExpr)(nil), (*ast.UnaryExpr)(nil)) {
		if !sameFunc(cur, sp.fn) {
			continue // in a nested function: the goroutine's own body is selfLimits'
		}
		switch n := cur.Node().(type) {
		case *ast.SendStmt:
			if n.Pos() < spawnPos && !c.madeIn(n.Chan, loop.Node()) {
				return true
			}
		case *ast.ExprStmt:
			if isRecv(n.X) && cur.ParentEdgeKind() != edge.CommClause_Comm {
				return true
			}
		case *ast.UnaryExpr:
			// buf := <-buffers, the goroutine giving buf back: a pool of
			// tokens (buffers, connections) that bounds the goroutines.
			if n.Op == token.ARROW && n.Pos() < spawnPos && !c.madeIn(n.X, loop.Node()) && c.sendsOn(sp.work, types.ExprString(n.X)) {
				return true
			}
		case *ast.CallExpr:
			switch name := methodName(n); {
			case name == "Acquire" || name == "TryAcquire":
				if !c.madeIn(n.Fun, loop.Node()) {
					return true
				}
			case name == "Wait" || strings.HasPrefix(name, "Accept"):
				return true
			}
		}
	}
	return false
}

func isRecv(e ast.Expr) bool {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW
}

// methodName returns M of a call x.M(...), or "".
func methodName(call *ast.CallExpr) string {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.Sel.Name
	}
	return ""
}

// sendsOn reports whether the body of the work a goroutine runs sends on
// the channel written ch.
func (c *checker) sendsOn(work ast.Expr, ch string) bool {
	body := c.workBody(work)
	found := false
	if body != nil {
		ast.Inspect(body, func(n ast.Node) bool {
			if send, ok := n.(*ast.SendStmt); ok && types.ExprString(send.Chan) == ch {
				found = true
			}
			return !found
		})
	}
	return found
}

// selfLimits reports whether the work a goroutine runs bounds itself: it
// acquires a semaphore shared across loop before working, or it is a
// worker looping over a jobs channel. It looks through same-package
// callees depth levels deep. A semaphore the work makes itself bounds only
// its own inner fan-out.
func (c *checker) selfLimits(work ast.Expr, loop ast.Node, depth int) bool {
	body := c.workBody(work)
	if body == nil {
		return false
	}
	shared := func(e ast.Expr) bool { return !c.madeIn(e, loop) && !c.madeIn(e, body) }
	sends := make(map[string]bool)
	recvs := make(map[string]bool)
	limited := false
	ast.Inspect(body, func(n ast.Node) bool {
		if limited {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			switch name := methodName(n); name {
			case "Acquire", "TryAcquire":
				limited = shared(n.Fun)
			}
			if depth > 1 && c.selfLimits(n, loop, depth-1) {
				limited = true
			}
		case *ast.DeferStmt:
			// defer q.release(), whose body is <-q.slots: the goroutine
			// gives back a token that whoever fed the loop took for it.
			limited = c.releasesToken(n.Call, shared)
		case *ast.SendStmt:
			if shared(n.Chan) {
				sends[types.ExprString(n.Chan)] = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				recvs[types.ExprString(n.X)] = true
			}
		case *ast.RangeStmt:
			if t := c.pass.TypesInfo.TypeOf(n.X); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok && shared(n.X) {
					limited = true // a worker ranging over jobs, not over its own results
				}
			}
		case *ast.ForStmt:
			if n.Cond == nil && receives(n.Body) {
				limited = true // a worker receiving jobs
			}
		}
		return true
	})
	if limited {
		return true
	}
	for ch := range sends {
		if recvs[ch] {
			return true // sem <- struct{}{}; defer func() { <-sem }()
		}
	}
	return false
}

// releasesToken reports whether the deferred call runs, in its own body
// (a literal or a function of this package), a bare receive from a shared
// channel field or package variable: a semaphore's release, whose acquire
// is elsewhere (a producer that takes a slot before handing on the work).
func (c *checker) releasesToken(call *ast.CallExpr, shared func(ast.Expr) bool) bool {
	body := c.workBody(call)
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if stmt, ok := n.(*ast.ExprStmt); ok && isRecv(stmt.X) {
			ch := ast.Unparen(stmt.X).(*ast.UnaryExpr).X
			found = found || analysisutil.Lasting(analysisutil.ObjectOf(c.pass.TypesInfo, ch)) && shared(ch)
		}
		return !found
	})
	return found
}

// workBody returns the body of the function a goroutine runs, when it is
// a literal, a function of this package or a local variable that only
// ever holds one literal.
func (c *checker) workBody(work ast.Expr) *ast.BlockStmt {
	work = ast.Unparen(work)
	if call, ok := work.(*ast.CallExpr); ok {
		work = ast.Unparen(call.Fun)
	}
	switch w := work.(type) {
	case *ast.FuncLit:
		return w.Body
	case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr, *ast.IndexListExpr:
		var id *ast.Ident
		switch w := w.(type) {
		case *ast.Ident:
			id = w
		case *ast.SelectorExpr:
			id = w.Sel
		case *ast.IndexExpr:
			return c.workBody(w.X)
		case *ast.IndexListExpr:
			return c.workBody(w.X)
		}
		switch obj := c.pass.TypesInfo.Uses[id].(type) {
		case *types.Func:
			if decl := c.decls[obj.Origin()]; decl != nil {
				return decl.Body
			}
		case *types.Var:
			if lit := c.closures[obj]; lit != nil {
				return lit.Body // work := func(id string) {…}; go work(id)
			}
		}
	}
	return nil
}

// receives reports whether body receives from a channel (outside nested
// functions).
func receives(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW
		}
		return !found
	})
	return found
}
