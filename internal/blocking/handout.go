package blocking

import (
	"go/ast"
	"go/token"
	"go/types"
	"iter"

	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// HandedOut reports whether ch names a channel whose receiving end belongs
// to code the package does not control: a channel it makes and both keeps
// (in a field, a package variable, or a slice or map of them) and hands
// to its callers (returns it, or passes it to another package), or one
// that callers of an exported function hand in. A subscriber channel:
//
//	func (b *Broker) Subscribe() <-chan Event {
//		ch := make(chan Event, 16)
//		b.subs = append(b.subs, ch)
//		return ch
//	}
//
// A send there waits for whatever the subscriber is doing. Channels made
// with room for exactly one value are reply slots (singleflight's
// DoChan): each gets its one result and a send there never waits, so a
// slot that holds only those is not handed out.
func (in *Info) HandedOut(ch ast.Expr) bool {
	slot := in.slotOf(ch)
	if slot == nil {
		return false
	}
	return in.handedOut[slot]
}

// slotOf returns the variable or field a channel expression is kept in: a
// field x.f, a package-level variable, or, for the value variable of a
// range over a slice or map of channels (or of structs holding one), the
// variable or field ranged over.
func (in *Info) slotOf(ch ast.Expr) types.Object {
	info := in.pass.TypesInfo
	switch e := ast.Unparen(ch).(type) {
	case *ast.SelectorExpr:
		return info.ObjectOf(e.Sel)
	case *ast.IndexExpr:
		return in.slotOf(e.X)
	case *ast.Ident:
		v, ok := info.ObjectOf(e).(*types.Var)
		if !ok {
			return nil
		}
		if v.Parent() == in.pass.Pkg.Scope() {
			return v
		}
		if x := in.rangedOver(v); x != nil {
			return in.slotOf(x)
		}
	}
	return nil
}

// rangedOver returns X when v is the value variable of for _, v := range X.
func (in *Info) rangedOver(v *types.Var) ast.Expr {
	cur, ok := analysisutil.DeclIdent(in.inspector().Root(), v)
	if !ok || cur.ParentEdgeKind() != edge.RangeStmt_Value {
		return nil
	}
	return cur.Parent().Node().(*ast.RangeStmt).X
}

// findHandedOut finds the slots that HandedOut accepts.
func (in *Info) findHandedOut() map[types.Object]bool {
	out := make(map[types.Object]bool)
	info := in.pass.TypesInfo
	insp := in.inspector()
	for fcur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := fcur.Node().(*ast.FuncDecl)
		fn, _ := info.Defs[decl.Name].(*types.Func)
		if fn == nil || decl.Body == nil {
			continue
		}
		handedIn := make(map[types.Object]bool) // channel parameters of an exported function
		if fn.Exported() {
			for v := range fn.Signature().Params().Variables() {
				if isChan(v.Type()) {
					handedIn[v] = true
				}
			}
		}
		escapes := make(map[types.Object]bool)
		stores := make(map[types.Object][]types.Object) // channel variable: the slots it is stored in
		for cur := range fcur.Preorder((*ast.Ident)(nil)) {
			v, ok := in.chanUses[cur.Node().(*ast.Ident)]
			if !ok || v.IsField() || v.Parent() == in.pass.Pkg.Scope() {
				continue
			}
			if in.escapesOutward(cur) {
				escapes[v] = true
			}
			if slot := in.storedIn(cur); slot != nil {
				stores[v] = append(stores[v], slot)
			}
		}
		for v, slots := range stores {
			if !escapes[v] && !handedIn[v] {
				continue
			}
			reply := !handedIn[v] && in.madeWithCap1(fcur, v)
			for _, slot := range slots {
				if _, seen := out[slot]; !seen || !reply {
					out[slot] = !reply
				}
			}
		}
		for cur := range fcur.Preorder((*ast.SelectorExpr)(nil)) { // return s.events
			sel := cur.Node().(*ast.SelectorExpr)
			if f, ok := in.chanUses[sel.Sel]; ok && f.IsField() && in.escapesOutward(cur) && !in.onlyReplySlots(f) {
				out[f] = true
			}
		}
	}
	return out
}

// madeWithCap1 reports whether every value the function assigns to v is
// make(chan T, 1).
func (in *Info) madeWithCap1(fcur inspector.Cursor, v types.Object) bool {
	found := false
	for cur := range fcur.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		lhs, rhs := analysisutil.AssignSides(cur.Node())
		for i, l := range lhs {
			id, ok := l.(*ast.Ident)
			if !ok || in.pass.TypesInfo.ObjectOf(id) != v {
				continue
			}
			if len(lhs) != len(rhs) || !in.isMakeCap1(rhs[i]) {
				return false
			}
			found = true
		}
	}
	return found
}

// onlyReplySlots reports whether every channel the package stores in the
// field is make(chan T, 1), and there is one: a lazily made notification
// slot (net/http's CloseNotify) that is returned but holds its one value.
func (in *Info) onlyReplySlots(f types.Object) bool {
	found := false
	for _, st := range in.stores {
		if st.obj != f {
			continue
		}
		if !in.isMakeCap1(st.rhs) {
			return false
		}
		found = true
	}
	return found
}

func (in *Info) isMakeCap1(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || !analysisutil.IsBuiltin(in.pass.TypesInfo, call, "make") || len(call.Args) != 2 {
		return false
	}
	tv, ok := in.pass.TypesInfo.Types[call.Args[1]]
	return ok && tv.Value != nil && tv.Value.String() == "1"
}

// escapesOutward reports whether the value at cur leaves the function for
// code the package does not control: returned (alone, or in a composite
// literal or conversion), or passed to a function of another package.
func (in *Info) escapesOutward(cur inspector.Cursor) bool {
	for c := cur; ; c = c.Parent() {
		switch p := c.Parent().Node().(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.KeyValueExpr:
			if id, ok := p.Key.(*ast.Ident); ok && c.Node() == p.Value {
				if f, ok := in.pass.TypesInfo.Uses[id].(*types.Var); ok && f.IsField() && !f.Exported() {
					return false // kept in the package's own unexported field
				}
			}
			continue
		case *ast.UnaryExpr:
			if p.Op == token.ARROW {
				return false // a value received from it, not the channel
			}
			continue
		case *ast.CompositeLit, *ast.ParenExpr:
			continue
		case *ast.CallExpr:
			if c.Node() == p.Fun {
				return false
			}
			if tv, ok := in.pass.TypesInfo.Types[p.Fun]; ok && tv.IsType() {
				continue // a conversion
			}
			fn := analysisutil.Callee(in.pass.TypesInfo, p)
			return fn != nil && fn.Pkg() != nil && fn.Pkg() != in.pass.Pkg
		default:
			return false
		}
	}
}

// storedIn returns the slot the channel variable at cur is stored in: the
// field or package variable on the left of an assignment (x.f = ch,
// x.f[k] = ch, x.f = append(x.f, ch)), or the field of a composite literal
// key (T{f: ch}).
func (in *Info) storedIn(cur inspector.Cursor) types.Object {
	info := in.pass.TypesInfo
	c := cur
	if call, ok := c.Parent().Node().(*ast.CallExpr); ok && analysisutil.IsBuiltin(in.pass.TypesInfo, call, "append") {
		c = c.Parent()
	}
	switch p := c.Parent().Node().(type) {
	case *ast.KeyValueExpr:
		if id, ok := p.Key.(*ast.Ident); ok && p.Value == c.Node() {
			if f, ok := info.Uses[id].(*types.Var); ok && f.IsField() {
				return f
			}
		}
	case *ast.AssignStmt:
		for i, rhs := range p.Rhs {
			if rhs == c.Node() && i < len(p.Lhs) && len(p.Lhs) == len(p.Rhs) {
				if slot := in.slotOf(p.Lhs[i]); slot != nil {
					return slot
				}
			}
		}
	}
	return nil
}

func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

func (in *Info) inspector() *inspector.Inspector {
	return in.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
}

// UsersReceive reports whether ch names a channel of the package's API
// that only its users receive from: an exported field or package-level
// variable, declared in the package, that it never receives from itself
// (a hook channel its users must drain, by its documentation). A send
// there waits for them as the API says it does.
func (in *Info) UsersReceive(ch ast.Expr) bool {
	slot := in.slotOf(ch)
	if slot == nil || !slot.Exported() || slot.Pkg() != in.pass.Pkg || in.received[slot] {
		return false // another package's field: its own code may be the receiver
	}
	return analysisutil.Lasting(slot)
}

// receives yields each receive of the package from a slot (see slotOf),
// <-x.f or a range over it, with the slot.
func (in *Info) receives() iter.Seq2[inspector.Cursor, types.Object] {
	return func(yield func(inspector.Cursor, types.Object) bool) {
		for cur := range in.inspector().Root().Preorder((*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil)) {
			var x ast.Expr
			switch n := cur.Node().(type) {
			case *ast.UnaryExpr:
				if n.Op == token.ARROW {
					x = n.X
				}
			case *ast.RangeStmt:
				if t := in.pass.TypesInfo.TypeOf(n.X); t != nil && isChan(t) {
					x = n.X
				}
			}
			if x == nil {
				continue
			}
			if slot := in.slotOf(x); slot != nil && !yield(cur, slot) {
				return
			}
		}
	}
}
