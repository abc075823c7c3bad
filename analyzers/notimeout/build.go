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

// build walks the package once. Every expression that can yield a server
// or client is followed to where its value goes; timeout fields set,
// serving methods and client calls are recorded on the key they act on.
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
	if _, isCall := e.(*ast.CallExpr); !isCall && !h.typed[e] {
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
	return localListener(h.info, cur, call.Args[0]) || foreignListener(h.info, h.pkg, cur, call.Args[0])
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
