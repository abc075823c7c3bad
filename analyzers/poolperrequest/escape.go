package poolperrequest

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/catalog"
)

// fate is what becomes of a pool within a region (a handler or a loop
// body).
type fate struct {
	escapes bool // it, or a value holding it, may outlive the region
	closed  bool // a closer (Close, CloseIdleConnections, …) is called on it or its holder
}

// tracker follows one pool through a region.
type tracker struct {
	c      *checker
	region ast.Node
	rcur   inspector.Cursor // the region's cursor, to find uses of locals
	seen   map[types.Object]bool
	fate
}

// follow traces the value built at cur, and the local variables and
// literals that come to hold it, within region. Any route the tracker does
// not understand counts as an escape: the pool is then somebody else's.
func (c *checker) follow(cur, rcur inspector.Cursor) fate {
	t := &tracker{c: c, region: rcur.Node(), rcur: rcur, seen: make(map[types.Object]bool)}
	t.value(cur)
	return t.fate
}

// value follows the expression at cur upward to where its value goes.
func (t *tracker) value(cur inspector.Cursor) {
	info := t.c.pass.TypesInfo
	for {
		parent := cur.Parent()
		switch p := parent.Node().(type) {
		case *ast.ParenExpr, *ast.TypeAssertExpr, *ast.CompositeLit:
			cur = parent // a literal holding the pool is followed in its place
			continue
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				cur = parent
				continue
			}
			return
		case *ast.KeyValueExpr:
			if p.Value == cur.Node() {
				cur = parent.Parent() // the composite literal
				continue
			}
			return
		case *ast.SelectorExpr:
			if p.X == cur.Node() {
				if _, isCall := parent.Parent().Node().(*ast.CallExpr); isCall && catalog.IsPoolCloser(p.Sel.Name) {
					t.closed = true
				}
			}
			return // a method call or field access uses the pool; it stays here
		case *ast.CallExpr:
			if p.Fun == cur.Node() {
				return
			}
			if tv, ok := info.Types[p.Fun]; ok && tv.IsType() {
				cur = parent // a conversion
				continue
			}
			t.escapes = true // passed on: the callee may keep it
			return
		case *ast.AssignStmt:
			t.assigned(p, cur.Node())
			return
		case *ast.ValueSpec:
			for i, v := range p.Values {
				if v == cur.Node() && (len(p.Names) == len(p.Values) || i == 0) {
					t.local(p.Names[i])
				}
			}
			return
		case *ast.ExprStmt, *ast.BinaryExpr, *ast.IfStmt, *ast.SwitchStmt, *ast.IndexExpr, *ast.StarExpr:
			return // discarded, compared or dereferenced: it goes nowhere
		default:
			t.escapes = true // returned, sent, ranged over, or something unforeseen
			return
		}
	}
}

// assigned follows a pool on the right-hand side of stmt into its target.
func (t *tracker) assigned(stmt *ast.AssignStmt, rhs ast.Node) {
	for i, r := range stmt.Rhs {
		if r != rhs {
			continue
		}
		switch {
		case len(stmt.Lhs) == len(stmt.Rhs):
			t.target(stmt.Lhs[i])
		case i == 0:
			t.target(stmt.Lhs[0]) // db, err := sql.Open(…): the pool is the first result
		}
		return
	}
	// rhs is a target being assigned to, not a value flowing anywhere.
}

// target follows a pool into the expression it is assigned to.
func (t *tracker) target(lhs ast.Expr) {
	switch l := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		if l.Name != "_" {
			t.local(l)
		}
	case *ast.SelectorExpr:
		// Stored in a field: still here if the holder is a fresh local
		// (client.Transport = tr on a client built in the region).
		if id, ok := ast.Unparen(l.X).(*ast.Ident); ok {
			if v, ok := t.c.pass.TypesInfo.Uses[id].(*types.Var); ok && t.fresh(v) {
				t.local(id)
				return
			}
		}
		t.escapes = true
	default:
		t.escapes = true
	}
}

// local follows the uses of the variable id names, or marks an escape when
// it is not a local of the region (a package variable, a variable of an
// enclosing function or of the enclosing loop, a parameter or result).
func (t *tracker) local(id *ast.Ident) {
	obj := t.c.pass.TypesInfo.ObjectOf(id)
	v, ok := obj.(*types.Var)
	if !ok || !t.inBody(v) {
		t.escapes = true
		return
	}
	if t.seen[v] {
		return
	}
	t.seen[v] = true
	for use := range t.rcur.Preorder((*ast.Ident)(nil)) {
		if t.escapes {
			return
		}
		if t.c.pass.TypesInfo.Uses[use.Node().(*ast.Ident)] == v {
			t.value(use)
		}
	}
}

// inBody reports whether v is declared in the region's body, not in its
// signature.
func (t *tracker) inBody(v *types.Var) bool {
	var body ast.Node = t.region
	switch r := t.region.(type) {
	case *ast.FuncDecl:
		body = r.Body
	case *ast.FuncLit:
		body = r.Body
	}
	return body != nil && within(v.Pos(), body)
}

// fresh reports whether the local variable v holds a value built in the
// region (a composite literal, new(T) or a zero value) rather than one
// that may be shared, so that storing into its fields keeps the pool here.
func (t *tracker) fresh(v *types.Var) bool {
	if t.seen[v] {
		return true
	}
	if !t.inBody(v) {
		return false
	}
	def, ok := t.rcur.FindByPos(v.Pos(), v.Pos()+token.Pos(len(v.Name())))
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
				return isFreshValue(t.c.pass.TypesInfo, p.Values[i])
			}
		}
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) {
			return false
		}
		for i, l := range p.Lhs {
			if l.Pos() == v.Pos() {
				return isFreshValue(t.c.pass.TypesInfo, p.Rhs[i])
			}
		}
	}
	return false
}

// isFreshValue reports whether e builds a new value: T{…}, &T{…} or new(T).
func isFreshValue(info *types.Info, e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return true
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok {
			b, ok := info.Uses[id].(*types.Builtin)
			return ok && b.Name() == "new"
		}
	}
	return false
}

func within(pos token.Pos, n ast.Node) bool {
	return n.Pos() <= pos && pos < n.End()
}
