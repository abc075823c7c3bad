package pools

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
	"github.com/conclint/conclint/internal/flow"
)

// Fate is what becomes of a pool within a region (a handler or a loop
// body).
type Fate struct {
	Escapes  bool // it, or a value holding it, may outlive the region
	Closed   bool // a closer (Close, CloseIdleConnections, …) is called on it or its holder
	Returned bool // the region is a function, which returns it (or a value holding it)
}

// tracker holds the policy for one pool followed through a region.
type tracker struct {
	f        *Finder
	rcur     inspector.Cursor // the region
	flow     *flow.Tracer
	perCall  bool // the region is a function declaration, for one call
	closed   bool
	returned bool
}

// Follow traces the value built at cur, and the local variables and
// literals that come to hold it, within region. Any route the tracker does
// not understand counts as an escape: the pool is then somebody else's.
func (f *Finder) Follow(cur, rcur inspector.Cursor) Fate {
	return f.trace(&tracker{f: f, rcur: rcur}, cur)
}

// FollowCall is Follow over the whole function declaration at decl: a
// pool that a function literal captures lives as long as that function,
// which may outlive the call.
func (f *Finder) FollowCall(cur, decl inspector.Cursor) Fate {
	return f.trace(&tracker{f: f, rcur: decl, perCall: true}, cur)
}

func (f *Finder) trace(t *tracker, cur inspector.Cursor) Fate {
	t.flow = &flow.Tracer{Info: f.Info, Region: t.rcur, Step: t.step, Store: t.store}
	escapes := t.flow.Escapes(cur)
	return Fate{Escapes: escapes, Closed: t.closed || f.closesIdle(cur.Node()), Returned: t.returned}
}

// step says where a pool goes at s. A literal holding it is followed in
// its place; a method call or field access uses it and it stays.
func (t *tracker) step(s flow.Site) flow.Verdict {
	if t.perCall && analysisutil.EnclosingFunc(s.Cur) != t.rcur {
		return flow.Escapes // captured by a function literal
	}
	switch s.Kind {
	case flow.Converted, flow.Addressed, flow.Asserted, flow.Element, flow.Assigned, flow.Goroutine:
		return flow.Follows
	case flow.Selected:
		if _, isCall := s.Cur.Parent().Node().(*ast.CallExpr); isCall && catalog.IsPoolCloser(s.Cur.Node().(*ast.SelectorExpr).Sel.Name) {
			t.closed = true
		}
		return flow.Stays
	case flow.Called, flow.Overwritten:
		return flow.Stays
	case flow.Returned:
		if _, isDecl := t.rcur.Node().(*ast.FuncDecl); isDecl && analysisutil.EnclosingFunc(s.Cur) == t.rcur {
			t.returned = true // the function hands it to its caller: a helper that makes pools
			return flow.Stays
		}
	case flow.Other:
		switch s.Cur.Node().(type) {
		case *ast.ExprStmt, *ast.BinaryExpr, *ast.IfStmt, *ast.SwitchStmt, *ast.IndexExpr, *ast.StarExpr,
			*ast.UnaryExpr, *ast.KeyValueExpr, *ast.SelectorExpr:
			return flow.Stays // discarded, compared or dereferenced: it goes nowhere
		}
	}
	return flow.Escapes // passed on, returned, sent, ranged over, or something unforeseen
}

// store follows a pool into the variable it is assigned to (the first
// result of db, err := sql.Open(…)). It escapes into anything but a local
// of the region: a package variable, a variable of an enclosing function
// or of the enclosing loop, a parameter or result, or a field of a value
// the region did not build.
func (t *tracker) store(target flow.Target) flow.Verdict {
	if target.Result != 0 {
		return flow.Stays
	}
	switch l := target.Expr.(type) {
	case *ast.Ident:
		switch {
		case l.Name == "_":
			return flow.Stays
		case target.Var != nil && t.inBody(target.Var):
			return flow.Follows
		}
	case *ast.SelectorExpr:
		// Stored in a field: still here if the holder is a fresh local
		// (client.Transport = tr on a client built in the region).
		if target.Holder != nil && t.fresh(target.Holder) {
			return flow.Follows
		}
	}
	return flow.Escapes
}

// inBody reports whether v is declared in the region's body, not in its
// signature.
func (t *tracker) inBody(v *types.Var) bool {
	body := t.rcur.Node()
	switch r := body.(type) {
	case *ast.FuncDecl:
		body = r.Body
	case *ast.FuncLit:
		body = r.Body
	}
	return body != nil && Within(v.Pos(), body)
}

// fresh reports whether the local variable v holds a value built in the
// region (a composite literal, new(T) or a zero value) rather than one
// that may be shared, so that storing into its fields keeps the pool here.
func (t *tracker) fresh(v *types.Var) bool {
	if t.flow.Following(v) {
		return true
	}
	if !t.inBody(v) {
		return false
	}
	def, ok := analysisutil.DeclIdent(t.rcur, v)
	if !ok {
		return false
	}
	switch p := def.Parent().Node().(type) {
	case *ast.ValueSpec:
		if len(p.Values) == 0 {
			_, isPtr := types.Unalias(v.Type()).(*types.Pointer)
			return !isPtr
		}
		for i, name := range p.Names {
			if name.Pos() == v.Pos() && i < len(p.Values) {
				return flow.Fresh(t.f.Info, p.Values[i])
			}
		}
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) {
			return false
		}
		for i, l := range p.Lhs {
			if l.Pos() == v.Pos() {
				return flow.Fresh(t.f.Info, p.Rhs[i])
			}
		}
	}
	return false
}

// Within reports whether pos lies inside n.
func Within(pos token.Pos, n ast.Node) bool {
	return n.Pos() <= pos && pos < n.End()
}

// Loss says what a pool that dies with its request or iteration costs.
func (f Fate) Loss() string {
	if f.Closed {
		return "every call dials new connections instead of reusing pooled ones"
	}
	return "every call dials new connections and idle ones leak"
}
