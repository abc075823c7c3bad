package unboundedgo

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// limited reports whether something visible bounds how many goroutines sp
// runs at once, or whether sp is an idiom that needs no bound.
func (c *checker) limited(sp spawn, loops []inspector.Cursor) bool {
	if sp.isGroup && c.groupLimited(sp) {
		return true
	}
	for _, loop := range loops {
		if c.loopLimits(sp, loop) {
			return true
		}
	}
	return c.selfLimits(sp.work, 2)
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
// holds a limiter of sp: a channel send before the spawn (a semaphore), a
// bare receive (a token), a call of Acquire, TryAcquire or Wait (a
// semaphore, a rate limiter, a batch wait), or a call of Accept (a
// server's accept loop).
func (c *checker) loopLimits(sp spawn, loop inspector.Cursor) bool {
	spawnPos := sp.cur.Node().Pos()
	for cur := range loop.Preorder((*ast.SendStmt)(nil), (*ast.ExprStmt)(nil), (*ast.CallExpr)(nil)) {
		if !sameFunc(cur, sp.fn) {
			continue // in a nested function: the goroutine's own body is selfLimits'
		}
		switch n := cur.Node().(type) {
		case *ast.SendStmt:
			if n.Pos() < spawnPos {
				return true
			}
		case *ast.ExprStmt:
			if isRecv(n.X) && cur.ParentEdgeKind() != edge.CommClause_Comm {
				return true
			}
		case *ast.CallExpr:
			if name := methodName(n); isLimiterCall(name) || strings.HasPrefix(name, "Accept") {
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

func isLimiterCall(name string) bool {
	switch name {
	case "Acquire", "TryAcquire", "Wait":
		return true
	}
	return false
}

// selfLimits reports whether the work a goroutine runs bounds itself: it
// acquires a semaphore before working, or it is a worker looping over a
// jobs channel. It looks through same-package callees depth levels deep.
func (c *checker) selfLimits(work ast.Expr, depth int) bool {
	body := c.workBody(work)
	if body == nil {
		return false
	}
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
				limited = true
			}
			if depth > 1 && c.selfLimits(n, depth-1) {
				limited = true
			}
		case *ast.SendStmt:
			sends[types.ExprString(n.Chan)] = true
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				recvs[types.ExprString(n.X)] = true
			}
		case *ast.RangeStmt:
			if t := c.pass.TypesInfo.TypeOf(n.X); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					limited = true // a worker ranging over jobs
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

// workBody returns the body of the function a goroutine runs, when it is
// a literal or a function of this package.
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
		if fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func); ok {
			if decl := c.decls[fn.Origin()]; decl != nil {
				return decl.Body
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
