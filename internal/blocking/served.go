package blocking

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// ServedByLoop reports whether ch names a channel that the package only
// receives from in service loops: a goroutine's endless loop over a
// select, or a range over the channel, that waits nowhere else and never
// leaves but on a shutdown signal. The hub of a chat server:
//
//	func (h *Hub) Run() {
//		for {
//			select {
//			case c := <-h.register:
//				h.clients[c] = true
//			case m := <-h.broadcast:
//				for c := range h.clients {
//					select {
//					case c.send <- m:
//					default:
//					}
//				}
//			}
//		}
//	}
//
// A send there is a hand-off that the loop takes as soon as it comes
// round, not a wait for a party that may never come.
func (in *Info) ServedByLoop(ch ast.Expr) bool {
	slot := in.slotOf(ch)
	return slot != nil && in.served[slot]
}

// findReceivers finds, in one walk over the package's receives, the slots
// (see slotOf) it receives from (UsersReceive's table) and those that
// ServedByLoop accepts.
func (in *Info) findReceivers() (received, served map[types.Object]bool) {
	received, served = make(map[types.Object]bool), make(map[types.Object]bool)
	started := in.startedFuncs()
	loops := make(map[ast.Node]bool) // memo: whether a loop serves
	for cur, slot := range in.receives() {
		received[slot] = true
		if slot.Pkg() != in.pass.Pkg {
			continue
		}
		loop, wait, ok := serviceLoop(cur)
		if ok {
			serves, seen := loops[loop.Node()]
			if !seen {
				serves = in.serves(loop, wait, started)
				loops[loop.Node()] = serves
			}
			ok = serves
		}
		if prev, seen := served[slot]; !seen || prev {
			served[slot] = ok // every receive must be a service loop's
		}
	}
	return received, served
}

// serviceLoop returns the loop that the receive at cur serves, and where
// the loop waits: the range over the channel itself, or an endless for
// loop whose body holds a select with the receive as a case.
func serviceLoop(cur inspector.Cursor) (loop inspector.Cursor, wait ast.Node, ok bool) {
	if _, ok := cur.Node().(*ast.RangeStmt); ok {
		return cur, cur.Node(), true
	}
	stmt := cur.Parent() // <-ch or v := <-ch as a case's communication, not a statement of its body
	if stmt.ParentEdgeKind() != edge.CommClause_Comm {
		return inspector.Cursor{}, nil, false
	}
	sel := stmt.Parent().Parent().Parent()
	if _, ok := sel.Node().(*ast.SelectStmt); !ok {
		return inspector.Cursor{}, nil, false
	}
	body := sel.Parent()
	if f, ok := body.Parent().Node().(*ast.ForStmt); ok && f.Cond == nil && f.Body == body.Node() {
		return body.Parent(), sel.Node(), true
	}
	return inspector.Cursor{}, nil, false
}

// serves reports whether loop, a service loop candidate, runs in a
// goroutine (see startedFuncs), waits only in the select or range that
// makes it a service loop, and leaves only on a shutdown signal.
func (in *Info) serves(loop inspector.Cursor, wait ast.Node, started map[ast.Node]bool) bool {
	var fcur inspector.Cursor
	for f := range loop.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fcur = f
		break
	}
	if !fcur.Valid() || !started[fcur.Node()] && !exportedDecl(fcur.Node()) {
		return false
	}
	for _, s := range in.Sites(fcur) {
		n := s.Cursor.Node()
		if n == wait || n.Pos() < loop.Node().Pos() || n.End() > loop.Node().End() {
			continue
		}
		if _, blocks := in.Blocks(s); blocks || s.Kind == CondWait {
			return false
		}
	}
	return !leaves(loop)
}

// leaves reports whether the loop at cur can end other than on a shutdown
// signal: a return or a break out of it, except in a select case that
// receives from a Done() channel.
func leaves(loop inspector.Cursor) bool {
	found := false
	loop.Inspect([]ast.Node{(*ast.ReturnStmt)(nil), (*ast.BranchStmt)(nil), (*ast.FuncLit)(nil)}, func(cur inspector.Cursor) bool {
		switch n := cur.Node().(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			found = found || !inShutdownCase(cur)
		case *ast.BranchStmt:
			switch {
			case n.Tok == token.GOTO, n.Tok == token.BREAK && n.Label != nil:
				found = true
			case n.Tok == token.BREAK:
				found = found || breaksOut(cur, loop.Node()) && !inShutdownCase(cur)
			}
		}
		return !found
	})
	return found
}

// breaksOut reports whether the unlabelled break at cur ends loop: no
// select, switch or loop in between takes it.
func breaksOut(cur inspector.Cursor, loop ast.Node) bool {
	for c := cur.Parent(); c.Node() != loop; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.SelectStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.ForStmt, *ast.RangeStmt:
			return false
		}
	}
	return true
}

// inShutdownCase reports whether cur is in a select case that receives
// from a Done() call: the loop stops with its context.
func inShutdownCase(cur inspector.Cursor) bool {
	for c := range cur.Enclosing((*ast.CommClause)(nil)) {
		var x ast.Expr
		switch comm := c.Node().(*ast.CommClause).Comm.(type) {
		case *ast.ExprStmt:
			x = comm.X
		case *ast.AssignStmt:
			if len(comm.Rhs) == 1 {
				x = comm.Rhs[0]
			}
		}
		u, ok := x.(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			return false
		}
		call, ok := ast.Unparen(u.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Done"
	}
	return false
}

// startedFuncs returns the functions of the package that a go statement
// runs: a literal (go func() {…}()) or a declaration it names (go h.run()).
func (in *Info) startedFuncs() map[ast.Node]bool {
	started := make(map[ast.Node]bool)
	decls := make(map[*types.Func]ast.Node)
	for cur := range in.inspector().Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		if fn, ok := in.pass.TypesInfo.Defs[decl.Name].(*types.Func); ok {
			decls[fn] = decl
		}
	}
	for cur := range in.inspector().Root().Preorder((*ast.GoStmt)(nil)) {
		call := cur.Node().(*ast.GoStmt).Call
		if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
			started[lit] = true
		} else if fn := analysisutil.Callee(in.pass.TypesInfo, call); fn != nil {
			if decl := decls[fn.Origin()]; decl != nil {
				started[decl] = true
			}
		}
	}
	return started
}

// exportedDecl reports whether n declares an exported function or method:
// another package may start it (go hub.Run()).
func exportedDecl(n ast.Node) bool {
	decl, ok := n.(*ast.FuncDecl)
	return ok && decl.Name.IsExported()
}
