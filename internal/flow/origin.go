package flow

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// OriginKind says where a value comes from, as far back as one function
// can see: the counterpart of Kind, followed backwards.
type OriginKind int

const (
	Unseen   OriginKind = iota // an expression the tracer does not look through (arithmetic, a func value, a variable it cannot find)
	Param                      // a parameter of a function in the region; Var, Func
	Receiver                   // the receiver of a method; Var
	Global                     // a package-level variable, of this package or another; Var
	Literal                    // a constant or a composite literal with elements: as big as the code writes it
	Empty                      // nil, make, new or an empty literal: the contents come from later stores, which are origins too
	Result                     // result Index of Call
	Filled                     // Var's address (or Var itself, a pointer or map made empty here) was handed to Call, which may fill it: Decode(&v), rows.Scan(&v.ID)
	Received                   // a value received from the channel Expr
	Ranged                     // the key or value of a range over Expr
	Repeated                   // an element added once per pass of Loop (xs = append(xs, x), m[k] = x inside it): as many as its passes
)

var originNames = [...]string{"Unseen", "Param", "Receiver", "Global", "Literal", "Empty", "Result", "Filled", "Received", "Ranged", "Repeated"}

func (k OriginKind) String() string { return originNames[k] }

// An Origin is one place a value comes from.
type Origin struct {
	Kind  OriginKind
	Var   *types.Var    // Param, Receiver, Global, Filled
	Func  ast.Node      // Param, Receiver: the *ast.FuncDecl or *ast.FuncLit declaring Var
	Call  *ast.CallExpr // Result, Filled
	Index int           // Result: which result of Call
	Expr  ast.Expr      // Received: the channel; Ranged: the range operand; Unseen: the expression
	Loop  ast.Node      // Repeated: the *ast.ForStmt or *ast.RangeStmt
	Path  []string      // the fields selected and locals passed on the way to here, nearest the value first
	// Pending are the fields still to be taken of the origin's value to
	// reach the traced one (for x.a.b traced to a parameter x: [a b]);
	// OriginsAlong goes on with them from another expression.
	Pending []string
}

// Origins reports to yield every origin of the value of e, following
// local variables through every assignment in region (the function
// holding e, closures included): plain assignments, stores into their
// elements and fields (m[k] = v yields the origins of k and v), append,
// ranges and calls handed their address. It looks through parentheses,
// conversions, *x, &x, x[i], x[i:j], x.(T) and fields (x.f, whose name
// goes on the Path; a local built by a keyed literal gives the origins of
// the field's element). Calls are origins: whether a call passes its
// arguments' nature on is the asking rule's policy, which may ask Origins
// again about them. It stops when yield returns false.
func Origins(info *types.Info, region inspector.Cursor, e ast.Expr, yield func(Origin) bool) {
	OriginsAlong(info, region, e, nil, yield)
}

// OriginsAlong is Origins for the fields pending of e's value (an
// Origin's Pending, to go on from a caller's argument).
func OriginsAlong(info *types.Info, region inspector.Cursor, e ast.Expr, pending []string, yield func(Origin) bool) {
	o := &origins{info: info, region: region, yield: yield, seen: make(map[seenKey]bool)}
	o.expr(e, trail{pending: pending})
}

type origins struct {
	info    *types.Info
	region  inspector.Cursor
	yield   func(Origin) bool
	seen    map[seenKey]bool // variables already followed, with the fields pending
	stopped bool
	funcs   map[*types.Var]ast.Node // parameters and receivers of the region's functions
	recvs   map[*types.Var]bool
}

type seenKey struct {
	v       *types.Var
	pending string
}

// trail is the way from the value back to where the tracer is: the
// fields still to be taken of the value there (for x.a.b reached at x:
// [a b]), and the names passed (fields, locals), nearest the value first.
type trail struct {
	pending []string
	names   []string
}

// maxTrail bounds the fields and names followed.
const maxTrail = 8

func (t trail) field(name string) trail {
	if len(t.pending) >= maxTrail {
		return t
	}
	return trail{pending: append([]string{name}, t.pending...), names: t.named(name).names}
}

func (t trail) named(name string) trail {
	if len(t.names) >= maxTrail {
		return t
	}
	return trail{pending: t.pending, names: append(append([]string(nil), t.names...), name)}
}

func (o *origins) emit(og Origin) {
	if !o.stopped && !o.yield(og) {
		o.stopped = true
	}
}

// expr follows e along t.
func (o *origins) expr(e ast.Expr, t trail) {
	for !o.stopped {
		if tv, ok := o.info.Types[e]; ok && tv.Value != nil {
			o.emit(Origin{Kind: Literal, Path: t.names, Pending: t.pending})
			return
		}
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			switch x.Op {
			case token.AND:
				e = x.X
			case token.ARROW:
				o.emit(Origin{Kind: Received, Expr: x.X, Path: t.names, Pending: t.pending})
				return
			default:
				o.emit(Origin{Kind: Unseen, Expr: e, Path: t.names, Pending: t.pending})
				return
			}
		case *ast.IndexExpr:
			if isType(o.info, x) {
				o.emit(Origin{Kind: Unseen, Expr: e, Path: t.names, Pending: t.pending})
				return
			}
			e = x.X
		case *ast.SliceExpr:
			e = x.X
		case *ast.TypeAssertExpr:
			e = x.X
		case *ast.SelectorExpr:
			if s, ok := o.info.Selections[x]; ok {
				if s.Kind() != types.FieldVal {
					o.emit(Origin{Kind: Unseen, Expr: e, Path: t.names, Pending: t.pending})
					return
				}
				t = t.field(x.Sel.Name)
				e = x.X
				continue
			}
			if v, ok := o.info.Uses[x.Sel].(*types.Var); ok {
				o.emit(Origin{Kind: Global, Var: v, Path: t.named(x.Sel.Name).names, Pending: t.pending})
			} else {
				o.emit(Origin{Kind: Unseen, Expr: e, Path: t.names, Pending: t.pending})
			}
			return
		case *ast.CompositeLit:
			o.literal(x, t)
			return
		case *ast.CallExpr:
			o.call(x, t)
			return
		case *ast.Ident:
			o.ident(x, t)
			return
		default:
			o.emit(Origin{Kind: Unseen, Expr: e, Path: t.names, Pending: t.pending})
			return
		}
	}
}

// literal follows a composite literal: for a pending field, the keyed
// element that sets it.
func (o *origins) literal(lit *ast.CompositeLit, t trail) {
	if len(t.pending) > 0 {
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == t.pending[0] {
					o.expr(kv.Value, trail{pending: t.pending[1:], names: t.names})
					return
				}
			}
		}
		o.emit(Origin{Kind: Empty, Path: t.names, Pending: t.pending}) // a field the literal leaves zero
		return
	}
	kind := Literal
	if len(lit.Elts) == 0 {
		kind = Empty
	}
	o.emit(Origin{Kind: kind, Path: t.names, Pending: t.pending})
}

// call follows conversions and append, and yields other calls.
func (o *origins) call(call *ast.CallExpr, t trail) {
	if isType(o.info, call.Fun) && len(call.Args) == 1 {
		o.expr(call.Args[0], t)
		return
	}
	if name := analysisutil.BuiltinName(o.info, call); name != "" {
		switch name {
		case "append":
			for _, arg := range call.Args {
				o.expr(arg, t)
			}
		case "make", "new":
			o.emit(Origin{Kind: Empty, Path: t.names, Pending: t.pending})
		default:
			o.emit(Origin{Kind: Unseen, Expr: call, Path: t.names, Pending: t.pending})
		}
		return
	}
	o.emit(Origin{Kind: Result, Call: call, Path: t.names, Pending: t.pending})
}

// ident follows a variable.
func (o *origins) ident(id *ast.Ident, t trail) {
	if id.Name == "nil" {
		o.emit(Origin{Kind: Empty, Path: t.names, Pending: t.pending})
		return
	}
	v, ok := o.info.Uses[id].(*types.Var)
	if !ok {
		if v, ok = o.info.Defs[id].(*types.Var); !ok {
			o.emit(Origin{Kind: Unseen, Expr: id, Path: t.names, Pending: t.pending})
			return
		}
	}
	named := t.named(v.Name())
	if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
		o.emit(Origin{Kind: Global, Var: v, Path: named.names, Pending: named.pending})
		return
	}
	key := seenKey{v, strings.Join(t.pending, ".")}
	if o.seen[key] {
		return
	}
	o.seen[key] = true
	o.params()
	if fn, ok := o.funcs[v]; ok {
		kind := Param
		if o.recvs[v] {
			kind = Receiver
		}
		o.emit(Origin{Kind: kind, Var: v, Func: fn, Path: named.names, Pending: named.pending})
		return
	}
	if !o.region.Valid() || !(o.region.Node().Pos() <= v.Pos() && v.Pos() < o.region.Node().End()) {
		o.emit(Origin{Kind: Unseen, Expr: id, Path: named.names, Pending: named.pending})
		return
	}
	o.stores(v, named)
}

// params indexes the parameters and receivers of the region's functions.
func (o *origins) params() {
	if o.funcs != nil || !o.region.Valid() {
		return
	}
	o.funcs = make(map[*types.Var]ast.Node)
	o.recvs = make(map[*types.Var]bool)
	add := func(fn ast.Node, list *ast.FieldList, recv bool) {
		if list == nil {
			return
		}
		for _, f := range list.List {
			for _, name := range f.Names {
				if v, ok := o.info.Defs[name].(*types.Var); ok {
					o.funcs[v] = fn
					o.recvs[v] = recv
				}
			}
		}
	}
	for cur := range o.region.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			add(n, n.Recv, true)
			add(n, n.Type.Params, false)
		case *ast.FuncLit:
			add(n, n.Type.Params, false)
		}
	}
}

// stores yields the origins of every value the local v, or the pending
// field of it, receives in the region.
func (o *origins) stores(v *types.Var, t trail) {
	isVar := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && o.info.ObjectOf(id) == v
	}
	// lvalue returns how lhs selects into v (v.a.b: [a b]; v[k]: [""],
	// with its keys), and whether it is rooted at v.
	lvalue := func(lhs ast.Expr) ([]string, []ast.Expr, bool) {
		var sel []string
		var keys []ast.Expr
		for {
			switch x := ast.Unparen(lhs).(type) {
			case *ast.Ident:
				return sel, keys, o.info.ObjectOf(x) == v
			case *ast.SelectorExpr:
				sel = append([]string{x.Sel.Name}, sel...)
				lhs = x.X
			case *ast.IndexExpr:
				sel = append([]string{""}, sel...)
				keys = append(keys, x.Index)
				lhs = x.X
			case *ast.StarExpr:
				lhs = x.X
			default:
				return nil, nil, false
			}
		}
	}
	// into follows a value stored at sel within v, as far as the pending
	// fields are concerned.
	into := func(sel []string, keys []ast.Expr, value ast.Expr) {
		if sel[0] == "" && len(t.pending) == 0 {
			for _, k := range keys {
				o.expr(k, t) // m[k] = x: as many entries as keys
			}
			o.expr(value, t)
			return
		}
		rest := t.pending
		for _, s := range sel {
			if s == "" {
				break // an element of a field: the field holds what goes in
			}
			if len(rest) == 0 {
				return // a field of the value looked at: its size is not the value's
			}
			if rest[0] != s {
				return // another field
			}
			rest = rest[1:]
		}
		o.expr(value, trail{pending: rest, names: t.names})
	}
	for cur := range o.region.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil), (*ast.CallExpr)(nil)) {
		if o.stopped {
			return
		}
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				sel, keys, ok := lvalue(lhs)
				if !ok {
					continue
				}
				if len(n.Lhs) == len(n.Rhs) {
					if len(sel) == 0 {
						if len(t.pending) == 0 && o.appends(n.Rhs[i], v) {
							o.loops(cur, t)
						}
						o.expr(n.Rhs[i], t)
					} else {
						if sel[0] == "" && len(t.pending) == 0 {
							o.loops(cur, t)
						}
						into(sel, keys, n.Rhs[i])
					}
					continue
				}
				if len(sel) > 0 || len(n.Rhs) != 1 {
					continue
				}
				switch rhs := ast.Unparen(n.Rhs[0]).(type) {
				case *ast.CallExpr:
					o.emit(Origin{Kind: Result, Call: rhs, Index: i, Path: t.names, Pending: t.pending})
				default:
					if i == 0 {
						o.expr(rhs, t) // v, ok := m[k], x.(T), <-ch
					}
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if o.info.Defs[name] != v {
					continue
				}
				switch {
				case len(n.Values) == len(n.Names):
					o.expr(n.Values[i], t)
				case len(n.Values) == 1:
					if call, ok := ast.Unparen(n.Values[0]).(*ast.CallExpr); ok {
						o.emit(Origin{Kind: Result, Call: call, Index: i, Path: t.names, Pending: t.pending})
					}
				case len(n.Values) == 0:
					o.emit(Origin{Kind: Empty, Path: t.names, Pending: t.pending})
				}
			}
		case *ast.RangeStmt:
			if isVar(n.Key) || isVar(n.Value) {
				o.emit(Origin{Kind: Ranged, Expr: n.X, Path: t.names, Pending: t.pending})
			}
		case *ast.CallExpr:
			if isType(o.info, n.Fun) {
				continue
			}
			for _, arg := range n.Args {
				a := ast.Unparen(arg)
				if u, ok := a.(*ast.UnaryExpr); ok && u.Op == token.AND {
					if _, _, ok := lvalue(u.X); ok {
						o.emit(Origin{Kind: Filled, Var: v, Call: n, Path: t.names, Pending: t.pending})
					}
					continue
				}
				if isVar(a) && fillable(v.Type()) && o.madeEmpty(v) {
					o.emit(Origin{Kind: Filled, Var: v, Call: n, Path: t.names, Pending: t.pending})
				}
			}
		}
	}
}

// appends reports whether e is append(v, x, …): one more element each
// time it runs.
func (o *origins) appends(e ast.Expr, v *types.Var) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || call.Ellipsis.IsValid() || len(call.Args) < 2 {
		return false
	}
	first, isID := ast.Unparen(call.Args[0]).(*ast.Ident)
	return analysisutil.IsBuiltin(o.info, call, "append") && isID && o.info.ObjectOf(first) == v
}

// loops yields the loops around the store at cur, up to its function.
func (o *origins) loops(cur inspector.Cursor, t trail) {
	for l := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch l.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return
		}
		o.emit(Origin{Kind: Repeated, Loop: l.Node(), Path: t.names, Pending: t.pending})
	}
}

// madeEmpty reports whether every value the region assigns to v is a new
// one (&T{}, new(T), make(…)): a value made for a callee to fill.
func (o *origins) madeEmpty(v *types.Var) bool {
	n := 0
	for cur := range o.region.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		var lhs []*ast.Ident
		var rhs []ast.Expr
		switch x := cur.Node().(type) {
		case *ast.AssignStmt:
			for _, e := range x.Lhs {
				id, _ := ast.Unparen(e).(*ast.Ident)
				lhs = append(lhs, id)
			}
			rhs = x.Rhs
		case *ast.ValueSpec:
			lhs, rhs = x.Names, x.Values
		}
		for i, id := range lhs {
			if id == nil || o.info.ObjectOf(id) != v {
				continue
			}
			if len(rhs) != len(lhs) || !o.isNew(rhs[i]) {
				return false
			}
			n++
		}
	}
	return n > 0
}

func (o *origins) isNew(e ast.Expr) bool {
	if Fresh(o.info, e) {
		return true
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	return analysisutil.IsBuiltin(o.info, call, "make")
}

// fillable reports whether a callee handed a value of type t can fill
// what it holds: a pointer or a map.
func fillable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Map:
		return true
	}
	return false
}
