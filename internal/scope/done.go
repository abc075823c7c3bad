package scope

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// KnownDone reports whether, at cur, a context is known to be done already:
// inside `case <-ctx.Done():`, after a bare `<-ctx.Done()` statement, or in
// the body of `if ctx.Err() != nil`, in a context.AfterFunc callback, or
// after a loop that ends when the context is done (exitsOnDone). Starting a
// fresh root context there, for example for a shutdown deadline, is right.
func (in *Info) KnownDone(cur inspector.Cursor) bool {
	for c := cur; ; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.File, nil:
			return false
		case *ast.CommClause:
			if in.receivesDone(n.Comm) && cur.Node().Pos() > n.Colon {
				return true
			}
		case *ast.FuncLit:
			if call, ok := c.Parent().Node().(*ast.CallExpr); ok && analysisutil.IsFunc(analysisutil.Callee(in.info, call), "context", "AfterFunc") {
				return true // runs once the context is done
			}
		case *ast.IfStmt:
			if in.checksErr(n) && n.Body.Pos() <= cur.Node().Pos() && cur.Node().End() <= n.Body.End() {
				return true
			}
		}
		if _, ok := c.Node().(ast.Stmt); ok {
			for prev, ok := c.PrevSibling(); ok; prev, ok = prev.PrevSibling() {
				if stmt, isStmt := prev.Node().(ast.Stmt); isStmt && (in.receivesDone(stmt) || in.exitsOnDone(stmt)) {
					return true
				}
			}
		}
	}
}

// receivesDone reports whether stmt is `<-ctx.Done()`, `v := <-ctx.Done()`
// or `v = <-ctx.Done()`.
func (in *Info) receivesDone(stmt ast.Stmt) bool {
	var e ast.Expr
	switch s := stmt.(type) {
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	default:
		return false
	}
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW && in.isDoneCall(u.X)
}

// checksErr reports whether an if statement's init or condition calls
// ctx.Err(), and the condition is not the `== nil` (still live) test.
func (in *Info) checksErr(n *ast.IfStmt) bool {
	if b, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr); ok && b.Op == token.EQL {
		return false
	}
	found := false
	inspect := func(node ast.Node) {
		if node == nil {
			return
		}
		ast.Inspect(node, func(x ast.Node) bool {
			if e, ok := x.(ast.Expr); ok && in.isContextMethodCall(e, "Err") {
				found = true
			}
			return !found
		})
	}
	inspect(n.Init)
	inspect(n.Cond)
	return found
}

// knownNil reports whether cur lies in the body of `if v == nil`, where the
// context v is known to be missing.
func (in *Info) knownNil(cur inspector.Cursor, v types.Object) bool {
	pos := cur.Node().Pos()
	for c := range cur.Enclosing((*ast.IfStmt)(nil)) {
		n := c.Node().(*ast.IfStmt)
		b, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
		if !ok || b.Op != token.EQL || pos < n.Body.Pos() || pos > n.Body.End() {
			continue
		}
		for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
			id, isID := ast.Unparen(pair[0]).(*ast.Ident)
			if isID && in.info.Uses[id] == v && in.info.Types[pair[1]].IsNil() {
				return true
			}
		}
	}
	return false
}

// exitsOnDone reports whether stmt is a for loop that ends when a context
// is done: a `case <-ctx.Done():` or an `if ctx.Err() != nil` in it leaves
// the loop, by a break aimed at it or by assigning a variable its
// condition reads. What follows such a loop is shutdown work (a final
// flush, a last report), which runs once the context is done. Range loops
// end with their input, so they never count.
func (in *Info) exitsOnDone(stmt ast.Stmt) bool {
	label := ""
	if l, ok := stmt.(*ast.LabeledStmt); ok {
		label, stmt = l.Label.Name, l.Stmt
	}
	loop, ok := stmt.(*ast.ForStmt)
	if !ok {
		return false
	}
	condVars := make(map[types.Object]bool)
	if loop.Cond != nil {
		ast.Inspect(loop.Cond, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && in.info.Uses[id] != nil {
				condVars[in.info.Uses[id]] = true
			}
			return true
		})
	}
	// leaves reports whether body breaks out of the loop (an unlabelled
	// break counts only when direct: in a select it ends the select) or
	// assigns a condition variable.
	leaves := func(body []ast.Stmt, direct bool) bool {
		found := false
		for _, st := range body {
			ast.Inspect(st, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.BranchStmt:
					if n.Tok == token.BREAK && (label != "" && n.Label != nil && n.Label.Name == label || direct && n.Label == nil && st == ast.Stmt(n)) {
						found = true
					}
				case *ast.AssignStmt:
					for _, lhs := range n.Lhs {
						if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && condVars[in.info.ObjectOf(id)] {
							found = true
						}
					}
				}
				return !found
			})
		}
		return found
	}
	for _, st := range loop.Body.List {
		if n, ok := st.(*ast.IfStmt); ok && in.checksErr(n) && leaves(n.Body.List, true) {
			return true
		}
	}
	found := false
	ast.Inspect(loop.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CommClause:
			if in.receivesDone(n.Comm) && leaves(n.Body, false) {
				found = true
			}
		}
		return !found
	})
	return found
}
