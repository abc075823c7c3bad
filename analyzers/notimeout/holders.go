package notimeout

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/flow"
)

// holders groups everything that may hold the same *http.Server or
// *http.Client in a package: the literals that build one, the variables,
// struct fields and parameters it is assigned or passed to. It is a
// union-find over keys, which are a types.Object (variable, field,
// parameter) or an ast.Node (a literal, new(T), an http.DefaultClient
// reference). Merging every place a value may reach keeps the answers
// conservative: a timeout set on any member counts for all.
type holders struct {
	info   *types.Info
	pkg    *types.Package
	skip   func(token.Pos) bool // files whose serving and sending do not count (tests)
	parent map[any]any

	serves  map[any]token.Pos          // a serving method used on the key
	sets    map[any]map[string]bool    // timeout fields assigned on the key
	escapes map[any]bool               // passed where the package cannot see
	names   map[any]string             // how users name a field or variable holding it
	sends   map[any][]inspector.Cursor // client calls that send a request through the key
}

func newHolders(info *types.Info, pkg *types.Package, skip func(token.Pos) bool) *holders {
	return &holders{
		info: info, pkg: pkg, skip: skip, parent: make(map[any]any), sends: make(map[any][]inspector.Cursor),
		serves: make(map[any]token.Pos), sets: make(map[any]map[string]bool),
		escapes: make(map[any]bool), names: make(map[any]string),
	}
}

func (h *holders) find(k any) any {
	for {
		p, ok := h.parent[k]
		if !ok || p == k {
			return k
		}
		if gp, ok := h.parent[p]; ok {
			h.parent[k] = gp
		}
		k = p
	}
}

func (h *holders) union(a, b any) {
	for _, k := range []any{a, b} {
		if _, ok := h.parent[k]; !ok {
			h.parent[k] = k
		}
	}
	ra, rb := h.find(a), h.find(b)
	if ra != rb {
		h.parent[ra] = rb
	}
}

// tracked reports whether values of type t are what the holders follow.
func tracked(t types.Type) bool {
	return t != nil && (analysisutil.IsNamed(t, "net/http", "Server") || analysisutil.IsNamed(t, "net/http", "Client"))
}

// key returns what e stands for in the holders, or nil.
func (h *holders) key(e ast.Expr) any {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return h.key(x.X)
		}
	case *ast.StarExpr:
		return h.key(x.X)
	case *ast.CompositeLit:
		return x
	case *ast.CallExpr:
		if isNew(h.info, x) {
			return x
		}
		if fn := h.local(x); fn != nil {
			return result{fn, 0}
		}
	case *ast.Ident:
		if v, ok := h.info.ObjectOf(x).(*types.Var); ok {
			return v
		}
	case *ast.SelectorExpr:
		if isDefaultClient(h.info, x) {
			return x // each use of http.DefaultClient is its own origin
		}
		if sel, ok := h.info.Selections[x]; ok {
			if sel.Kind() == types.FieldVal {
				return sel.Obj()
			}
			return nil
		}
		if v, ok := h.info.Uses[x.Sel].(*types.Var); ok {
			return v // a package-qualified variable
		}
	}
	return nil
}

// assign records that the value of rhs flows into lhs.
func (h *holders) assign(lhs, rhs ast.Expr) {
	if !tracked(h.info.TypeOf(rhs)) {
		return
	}
	l, r := h.key(lhs), h.key(rhs)
	if l == nil || r == nil {
		return
	}
	h.union(l, r)
	if _, named := h.names[l]; !named {
		h.names[l] = analysisutil.ExprString(token.NewFileSet(), lhs)
	}
}

// build walks the package once, recording unions and what is done to
// each key.
func (h *holders) build(root inspector.Cursor) {
	for cur := range root.Preorder((*ast.AssignStmt)(nil), (*ast.CallExpr)(nil), (*ast.CompositeLit)(nil),
		(*ast.Ident)(nil), (*ast.IndexExpr)(nil), (*ast.SelectorExpr)(nil), (*ast.StarExpr)(nil),
		(*ast.TypeAssertExpr)(nil), (*ast.UnaryExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for _, lhs := range n.Lhs {
					h.setField(lhs)
				}
			}
			continue
		case *ast.CallExpr:
			h.send(cur, n)
		case *ast.SelectorExpr:
			h.serve(cur, n)
		}
		h.value(cur)
	}
}

// value records where the value at cur goes, when it is a tracked value
// (or a call whose results are spread over several variables).
func (h *holders) value(cur inspector.Cursor) {
	e := cur.Node().(ast.Expr)
	if _, isCall := e.(*ast.CallExpr); !isCall && !tracked(h.info.TypeOf(e)) {
		return
	}
	s := flow.SiteOf(h.info, cur)
	v := s.Value.Node().(ast.Expr)
	switch s.Kind {
	case flow.Assigned:
		spread := flow.Spread(s)
		for _, t := range flow.Targets(h.info, s) {
			switch {
			case spread:
				h.assignResult(t, v)
			case t.Result == 0:
				h.assign(t.Expr, v)
			}
		}
	case flow.Element:
		h.field(s.Cur.Node().(*ast.CompositeLit), s.Index)
	case flow.Argument, flow.Converted:
		h.arg(s.Cur.Node().(*ast.CallExpr), s.Index)
	case flow.Returned:
		h.returned(s)
	case flow.Sent:
		h.escape(v)
	}
}

// serve records a serving method used on a tracked server.
func (h *holders) serve(cur inspector.Cursor, n *ast.SelectorExpr) {
	if h.skip(n.Pos()) || !servingMethods[n.Sel.Name] || !analysisutil.IsNamed(h.info.TypeOf(n.X), "net/http", "Server") {
		return
	}
	if sel, ok := h.info.Selections[n]; ok && sel.Kind() == types.MethodVal {
		if k := h.key(n.X); k != nil && !h.servesLocally(cur, n) {
			if _, seen := h.serves[k]; !seen {
				h.serves[k] = n.Pos()
			}
		}
	}
}

// servesLocally reports whether the serving method sel is called with a
// listener only local processes reach.
func (h *holders) servesLocally(cur inspector.Cursor, sel *ast.SelectorExpr) bool {
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != sel || len(call.Args) == 0 || !strings.HasPrefix(sel.Sel.Name, "Serve") {
		return false
	}
	return localListener(h.info, cur, call.Args[0])
}

// sendingMethods are the http.Client methods that send a request.
var sendingMethods = []string{"Do", "Get", "Head", "Post", "PostForm"}

// send records a request sent through a tracked client.
func (h *holders) send(cur inspector.Cursor, call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || h.skip(call.Pos()) || !analysisutil.IsMethod(analysisutil.Callee(h.info, call), "net/http", "Client", sendingMethods...) {
		return
	}
	if k := h.key(sel.X); k != nil {
		h.sends[k] = append(h.sends[k], cur)
	}
}

// result stands for the i-th result of a function of the package, which
// joins what its return statements return to what its callers receive.
type result struct {
	fn *types.Func
	i  int
}

// local returns the function of this package that call invokes, or nil.
func (h *holders) local(call *ast.CallExpr) *types.Func {
	fn := analysisutil.Callee(h.info, call)
	if fn == nil || fn.Pkg() != h.pkg {
		return nil
	}
	return fn
}

// assignResult follows a, b := F() for a function F of the package.
func (h *holders) assignResult(t flow.Target, rhs ast.Expr) {
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok {
		return
	}
	if fn := h.local(call); fn != nil && tracked(h.info.TypeOf(t.Expr)) {
		if k := h.key(t.Expr); k != nil {
			h.union(k, result{fn, t.Result})
		}
	}
}

// returned follows returned servers and clients to the callers of a named
// function of the package; returned from a function literal, or from an
// exported function to importers, they escape.
func (h *holders) returned(s flow.Site) {
	var fn *types.Func
	if decl, ok := analysisutil.EnclosingFunc(s.Cur).Node().(*ast.FuncDecl); ok {
		fn, _ = h.info.Defs[decl.Name].(*types.Func)
	}
	r := s.Value.Node().(ast.Expr)
	if fn == nil || fn.Exported() && h.pkg.Name() != "main" || len(s.Cur.Node().(*ast.ReturnStmt).Results) != fn.Signature().Results().Len() {
		h.escape(r)
		return
	}
	if tracked(h.info.TypeOf(r)) {
		if k := h.key(r); k != nil {
			h.union(k, result{fn, s.Index})
		}
	}
}

// setField records x.F = … for a timeout field F of a tracked x.
func (h *holders) setField(lhs ast.Expr) {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok || !timeoutFields[sel.Sel.Name] || !tracked(h.info.TypeOf(sel.X)) {
		return
	}
	if k := h.key(sel.X); k != nil {
		if h.sets[k] == nil {
			h.sets[k] = make(map[string]bool)
		}
		h.sets[k][sel.Sel.Name] = true
	}
}

// field follows a tracked value placed in the i-th field of a struct
// literal.
func (h *holders) field(lit *ast.CompositeLit, i int) {
	kv, ok := lit.Elts[i].(*ast.KeyValueExpr)
	if !ok {
		return
	}
	id, ok := kv.Key.(*ast.Ident)
	if !ok {
		return
	}
	field, ok := h.info.Uses[id].(*types.Var)
	if !ok || !field.IsField() || !tracked(h.info.TypeOf(kv.Value)) {
		return
	}
	if r := h.key(kv.Value); r != nil {
		h.union(field, r)
		if _, named := h.names[field]; !named {
			h.names[field] = typeName(h.info.TypeOf(lit)) + "." + id.Name
		}
	}
}

// arg follows a tracked i-th argument into the parameter of this
// package's function; any other callee may keep or configure it.
func (h *holders) arg(call *ast.CallExpr, i int) {
	arg := call.Args[i]
	if !tracked(h.info.TypeOf(arg)) {
		return
	}
	fn := analysisutil.Callee(h.info, call)
	if fn != nil && fn.Pkg() == h.pkg {
		sig := fn.Type().(*types.Signature)
		if i < sig.Params().Len() && !(sig.Variadic() && i >= sig.Params().Len()-1) {
			if k := h.key(arg); k != nil {
				h.union(sig.Params().At(i), k)
			}
			return
		}
	}
	if fn != nil && fn.Pkg() != nil && harmlessCallees[fn.Pkg().Path()+"."+fn.Name()] {
		return
	}
	h.escape(arg)
}

// harmlessCallees take a server or client without setting its timeouts.
var harmlessCallees = map[string]bool{
	"golang.org/x/net/http2.ConfigureServer": true,
	"net/http.Error":                         true,
}

func (h *holders) escape(e ast.Expr) {
	if !tracked(h.info.TypeOf(e)) {
		return
	}
	if k := h.key(e); k != nil {
		h.escapes[k] = true
	}
}

// group is what the holders know of one origin, its members merged.
type group struct {
	serves  token.Pos // a serving call or method value, or NoPos
	sets    map[string]bool
	escapes bool
	stored  string // a package variable or struct field that holds it, or ""
	sends   []inspector.Cursor
}

// summarize merges what the holders recorded, by group.
func (h *holders) summarize() map[any]*group {
	groups := make(map[any]*group)
	get := func(k any) *group {
		r := h.find(k)
		g := groups[r]
		if g == nil {
			g = &group{sets: make(map[string]bool)}
			groups[r] = g
		}
		return g
	}
	for k, pos := range h.serves {
		if g := get(k); !g.serves.IsValid() || pos < g.serves {
			g.serves = pos
		}
	}
	for k, fields := range h.sets {
		g := get(k)
		for name := range fields {
			g.sets[name] = true
		}
	}
	for k := range h.escapes {
		get(k).escapes = true
	}
	for k, sends := range h.sends {
		g := get(k)
		g.sends = append(g.sends, sends...)
	}
	for k := range h.parent {
		if v, ok := k.(*types.Var); ok && (v.IsField() || v.Pkg() != nil && v.Parent() == v.Pkg().Scope()) {
			if v.Exported() && h.pkg.Name() != "main" {
				get(k).escapes = true // importers may configure it (echo's e.Server.ReadTimeout = …)
			}
			if g := get(k); g.stored == "" {
				g.stored = h.names[k]
				if g.stored == "" {
					g.stored = v.Name()
				}
			}
		}
	}
	return groups
}

// of returns the group of k.
func (h *holders) of(groups map[any]*group, k any) *group {
	if g, ok := groups[h.find(k)]; ok {
		return g
	}
	return &group{sets: map[string]bool{}}
}

func isNew(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 1 {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "new"
}

func isDefaultClient(info *types.Info, sel *ast.SelectorExpr) bool {
	v, ok := info.Uses[sel.Sel].(*types.Var)
	return ok && v.Name() == "DefaultClient" && v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Parent() == v.Pkg().Scope()
}

// typeName renders a named type (or pointer to one) as Name.
func typeName(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return "struct"
}
