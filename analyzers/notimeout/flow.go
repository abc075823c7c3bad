package notimeout

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// A flow groups everything that may hold the same *http.Server or
// *http.Client in a package: the literals that build one, the variables,
// struct fields and parameters it is assigned or passed to. It is a
// union-find over keys, which are a types.Object (variable, field,
// parameter) or an ast.Node (a literal, new(T), an http.DefaultClient
// reference). Merging every place a value may reach keeps the answers
// conservative: a timeout set on any member counts for all.
type flow struct {
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

func newFlow(info *types.Info, pkg *types.Package, skip func(token.Pos) bool) *flow {
	return &flow{
		info: info, pkg: pkg, skip: skip, parent: make(map[any]any), sends: make(map[any][]inspector.Cursor),
		serves: make(map[any]token.Pos), sets: make(map[any]map[string]bool),
		escapes: make(map[any]bool), names: make(map[any]string),
	}
}

func (f *flow) find(k any) any {
	for {
		p, ok := f.parent[k]
		if !ok || p == k {
			return k
		}
		if gp, ok := f.parent[p]; ok {
			f.parent[k] = gp
		}
		k = p
	}
}

func (f *flow) union(a, b any) {
	for _, k := range []any{a, b} {
		if _, ok := f.parent[k]; !ok {
			f.parent[k] = k
		}
	}
	ra, rb := f.find(a), f.find(b)
	if ra != rb {
		f.parent[ra] = rb
	}
}

// tracked reports whether values of type t are what the flow follows.
func tracked(t types.Type) bool {
	return t != nil && (analysisutil.IsNamed(t, "net/http", "Server") || analysisutil.IsNamed(t, "net/http", "Client"))
}

// key returns what e stands for in the flow, or nil.
func (f *flow) key(e ast.Expr) any {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return f.key(x.X)
		}
	case *ast.StarExpr:
		return f.key(x.X)
	case *ast.CompositeLit:
		return x
	case *ast.CallExpr:
		if isNew(f.info, x) {
			return x
		}
		if fn := f.local(x); fn != nil {
			return result{fn, 0}
		}
	case *ast.Ident:
		if v, ok := f.info.ObjectOf(x).(*types.Var); ok {
			return v
		}
	case *ast.SelectorExpr:
		if isDefaultClient(f.info, x) {
			return x // each use of http.DefaultClient is its own origin
		}
		if sel, ok := f.info.Selections[x]; ok {
			if sel.Kind() == types.FieldVal {
				return sel.Obj()
			}
			return nil
		}
		if v, ok := f.info.Uses[x.Sel].(*types.Var); ok {
			return v // a package-qualified variable
		}
	}
	return nil
}

// assign records that the value of rhs flows into lhs.
func (f *flow) assign(lhs, rhs ast.Expr) {
	if !tracked(f.info.TypeOf(rhs)) {
		return
	}
	l, r := f.key(lhs), f.key(rhs)
	if l == nil || r == nil {
		return
	}
	f.union(l, r)
	if _, named := f.names[l]; !named {
		f.names[l] = analysisutil.ExprString(token.NewFileSet(), lhs)
	}
}

// build walks the package once, recording unions and what is done to
// each key.
func (f *flow) build(root inspector.Cursor) {
	for cur := range root.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.CompositeLit)(nil),
		(*ast.CallExpr)(nil), (*ast.SelectorExpr)(nil), (*ast.ReturnStmt)(nil), (*ast.SendStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i := range n.Lhs {
					f.assign(n.Lhs[i], n.Rhs[i])
					f.setField(n.Lhs[i])
				}
			} else if call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok {
				f.assignResults(n.Lhs, call)
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i := range n.Names {
					f.assign(n.Names[i], n.Values[i])
				}
			} else if len(n.Values) == 1 {
				if call, ok := ast.Unparen(n.Values[0]).(*ast.CallExpr); ok {
					lhs := make([]ast.Expr, len(n.Names))
					for i, id := range n.Names {
						lhs[i] = id
					}
					f.assignResults(lhs, call)
				}
			}
		case *ast.CompositeLit:
			f.fields(n)
		case *ast.CallExpr:
			f.args(n)
			f.send(cur, n)
		case *ast.SelectorExpr:
			if f.skip(n.Pos()) {
				continue
			}
			if servingMethods[n.Sel.Name] && analysisutil.IsNamed(f.info.TypeOf(n.X), "net/http", "Server") {
				if sel, ok := f.info.Selections[n]; ok && sel.Kind() == types.MethodVal {
					if k := f.key(n.X); k != nil && !f.servesLocally(cur, n) {
						if _, seen := f.serves[k]; !seen {
							f.serves[k] = n.Pos()
						}
					}
				}
			}
		case *ast.ReturnStmt:
			f.returned(cur, n)
		case *ast.SendStmt:
			f.escape(n.Value)
		}
	}
}

// servesLocally reports whether the serving method sel is called with a
// listener only local processes reach.
func (f *flow) servesLocally(cur inspector.Cursor, sel *ast.SelectorExpr) bool {
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != sel || len(call.Args) == 0 || !strings.HasPrefix(sel.Sel.Name, "Serve") {
		return false
	}
	return localListener(f.info, cur, call.Args[0])
}

// sendingMethods are the http.Client methods that send a request.
var sendingMethods = []string{"Do", "Get", "Head", "Post", "PostForm"}

// send records a request sent through a tracked client.
func (f *flow) send(cur inspector.Cursor, call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || f.skip(call.Pos()) || !analysisutil.IsMethod(analysisutil.Callee(f.info, call), "net/http", "Client", sendingMethods...) {
		return
	}
	if k := f.key(sel.X); k != nil {
		f.sends[k] = append(f.sends[k], cur)
	}
}

// result stands for the i-th result of a function of the package, which
// joins what its return statements return to what its callers receive.
type result struct {
	fn *types.Func
	i  int
}

// local returns the function of this package that call invokes, or nil.
func (f *flow) local(call *ast.CallExpr) *types.Func {
	fn := analysisutil.Callee(f.info, call)
	if fn == nil || fn.Pkg() != f.pkg {
		return nil
	}
	return fn
}

// assignResults follows a, b := F() for a function F of the package.
func (f *flow) assignResults(lhs []ast.Expr, call *ast.CallExpr) {
	fn := f.local(call)
	if fn == nil {
		return
	}
	for i, l := range lhs {
		if tracked(f.info.TypeOf(l)) {
			if k := f.key(l); k != nil {
				f.union(k, result{fn, i})
			}
		}
	}
}

// returned follows returned servers and clients to the callers of a named
// function of the package; returned from a function literal, or from an
// exported function to importers, they escape.
func (f *flow) returned(cur inspector.Cursor, ret *ast.ReturnStmt) {
	var fn *types.Func
	for fcur := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if decl, ok := fcur.Node().(*ast.FuncDecl); ok {
			fn, _ = f.info.Defs[decl.Name].(*types.Func)
		}
		break
	}
	if fn == nil || fn.Exported() && f.pkg.Name() != "main" || len(ret.Results) != fn.Signature().Results().Len() {
		for _, r := range ret.Results {
			f.escape(r)
		}
		return
	}
	for i, r := range ret.Results {
		if tracked(f.info.TypeOf(r)) {
			if k := f.key(r); k != nil {
				f.union(k, result{fn, i})
			}
		}
	}
}

// setField records x.F = … for a timeout field F of a tracked x.
func (f *flow) setField(lhs ast.Expr) {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok || !timeoutFields[sel.Sel.Name] || !tracked(f.info.TypeOf(sel.X)) {
		return
	}
	if k := f.key(sel.X); k != nil {
		if f.sets[k] == nil {
			f.sets[k] = make(map[string]bool)
		}
		f.sets[k][sel.Sel.Name] = true
	}
}

// fields follows tracked values placed in a struct literal's fields.
func (f *flow) fields(lit *ast.CompositeLit) {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		field, ok := f.info.Uses[id].(*types.Var)
		if !ok || !field.IsField() || !tracked(f.info.TypeOf(kv.Value)) {
			continue
		}
		if r := f.key(kv.Value); r != nil {
			f.union(field, r)
			if _, named := f.names[field]; !named {
				f.names[field] = typeName(f.info.TypeOf(lit)) + "." + id.Name
			}
		}
	}
}

// args follows tracked arguments into the parameters of this package's
// functions; any other callee may keep or configure them.
func (f *flow) args(call *ast.CallExpr) {
	fn := analysisutil.Callee(f.info, call)
	for i, arg := range call.Args {
		if !tracked(f.info.TypeOf(arg)) {
			continue
		}
		if fn != nil && fn.Pkg() == f.pkg {
			params := fn.Type().(*types.Signature).Params()
			if i < params.Len() && !(fn.Type().(*types.Signature).Variadic() && i >= params.Len()-1) {
				if k := f.key(arg); k != nil {
					f.union(params.At(i), k)
				}
				continue
			}
		}
		if fn != nil && fn.Pkg() != nil && harmlessCallees[fn.Pkg().Path()+"."+fn.Name()] {
			continue
		}
		f.escape(arg)
	}
}

// harmlessCallees take a server or client without setting its timeouts.
var harmlessCallees = map[string]bool{
	"golang.org/x/net/http2.ConfigureServer": true,
	"net/http.Error":                         true,
}

func (f *flow) escape(e ast.Expr) {
	if !tracked(f.info.TypeOf(e)) {
		return
	}
	if k := f.key(e); k != nil {
		f.escapes[k] = true
	}
}

// group is what the flow knows of one origin, its members merged.
type group struct {
	serves  token.Pos // a serving call or method value, or NoPos
	sets    map[string]bool
	escapes bool
	stored  string // a package variable or struct field that holds it, or ""
	sends   []inspector.Cursor
}

// summarize merges what the flow recorded, by group.
func (f *flow) summarize() map[any]*group {
	groups := make(map[any]*group)
	get := func(k any) *group {
		r := f.find(k)
		g := groups[r]
		if g == nil {
			g = &group{sets: make(map[string]bool)}
			groups[r] = g
		}
		return g
	}
	for k, pos := range f.serves {
		if g := get(k); !g.serves.IsValid() || pos < g.serves {
			g.serves = pos
		}
	}
	for k, fields := range f.sets {
		g := get(k)
		for name := range fields {
			g.sets[name] = true
		}
	}
	for k := range f.escapes {
		get(k).escapes = true
	}
	for k, sends := range f.sends {
		g := get(k)
		g.sends = append(g.sends, sends...)
	}
	for k := range f.parent {
		if v, ok := k.(*types.Var); ok && (v.IsField() || v.Pkg() != nil && v.Parent() == v.Pkg().Scope()) {
			if v.Exported() && f.pkg.Name() != "main" {
				get(k).escapes = true // importers may configure it (echo's e.Server.ReadTimeout = …)
			}
			if g := get(k); g.stored == "" {
				g.stored = f.names[k]
				if g.stored == "" {
					g.stored = v.Name()
				}
			}
		}
	}
	return groups
}

// of returns the group of k.
func (f *flow) of(groups map[any]*group, k any) *group {
	if g, ok := groups[f.find(k)]; ok {
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
