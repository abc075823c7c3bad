package notimeout

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/flow"
)

// callerDepth is how many calls of this package deadlineContext follows a
// context parameter up to the callers that make it.
const callerDepth = 5 // a client: send ← execute ← Get ← GetUserContext ← GetUser, which makes the context

// deadlineContext reports whether ctx, used in the function at fcur,
// carries a deadline: it comes from context.WithTimeout or WithDeadline
// there (or from WithCancel or WithValue of such a context), or it is a
// parameter of an unexported function of this package whose every caller
// passes a deadline context. A client whose every send is bounded so is
// not reported (prometheus' notifier: the send loop wraps each send in
// context.WithTimeout and hands the context down).
func (c *checker) deadlineContext(ctx ast.Expr, fcur inspector.Cursor, depth int) bool {
	info := c.pass.TypesInfo
	if c.requestBounds && c.requestContext(ctx, fcur) {
		return true // bounded by the served request (see requestContext)
	}
	if call, ok := ast.Unparen(ctx).(*ast.CallExpr); ok {
		return c.derivesDeadline(call, fcur, depth)
	}
	if field, ok := analysisutil.ObjectOf(info, ctx).(*types.Var); ok && field.IsField() {
		return depth > 0 && c.callerSetsField(field, depth-1)
	}
	v, ok := analysisutil.IdentObject(info, ctx).(*types.Var)
	if !ok {
		return false
	}
	decl := declaring(fcur, v)
	values, all := flow.AssignedValues(info, decl, v)
	if !all {
		return false
	}
	chosen := true // every value assigned to v is a context field the callers set
	for _, value := range values {
		if call, ok := ast.Unparen(value).(*ast.CallExpr); ok && c.derivesDeadline(call, decl, depth) {
			return true
		}
		field, ok := analysisutil.ObjectOf(info, value).(*types.Var)
		chosen = chosen && ok && field.IsField() && depth > 0 && c.callerSetsField(field, depth-1)
	}
	if ftype := analysisutil.FuncType(decl.Node()); ftype != nil && ftype.Pos() <= v.Pos() && v.Pos() < ftype.End() {
		return chosen && c.paramBounded(decl, v, depth) // a parameter, replaced at most by an option's context (if o.ctx != nil { ctx = o.ctx })
	}
	return len(values) > 0 && chosen
}

// declaring returns the function that declares v: fcur or one enclosing
// it (a closure uses its parent's context or request).
func declaring(fcur inspector.Cursor, v *types.Var) inspector.Cursor {
	for f := range fcur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if n := f.Node(); n.Pos() <= v.Pos() && v.Pos() < n.End() {
			return f
		}
	}
	return fcur
}

// paramBounded reports whether v, a context or request parameter of the
// function at decl, carries a deadline its callers choose or give.
func (c *checker) paramBounded(decl inspector.Cursor, v *types.Var, depth int) bool {
	if c.callerOwnsDeadline(decl, v, depth) {
		return true
	}
	return depth > 0 && c.callersPassDeadline(decl, v, depth-1)
}

// callerSetsField reports whether the package, a public library, stores into
// field a context that its callers choose for their requests: a context
// parameter of an exported function other than a constructor (an option,
// func WithContext(ctx) Option { return func(o *options) { o.ctx = ctx }
// }), directly or through another such field. The default it starts from
// (context.Background) is theirs to replace, as with a parameter.
func (c *checker) callerSetsField(field *types.Var, depth int) bool {
	if !c.publicLibrary() || !analysisutil.IsContext(field.Type()) {
		return false
	}
	info := c.pass.TypesInfo
	found := false
	analysisutil.EachStore(c.pass.Files, info, func(lhs, rhs ast.Expr) {
		if found || analysisutil.ObjectOf(info, lhs) != field {
			return
		}
		switch src := analysisutil.ObjectOf(info, rhs).(type) {
		case *types.Var:
			if src.IsField() {
				found = depth > 0 && src != field && c.callerSetsField(src, depth-1)
				return
			}
			id, ok := analysisutil.DeclIdent(c.inspector.Root(), src)
			if !ok {
				return
			}
			for decl := range id.Enclosing((*ast.FuncDecl)(nil)) {
				// A constructor's context is the lifetime of what it builds
				// (NewClient(ctx)), not a deadline for each request.
				found = !strings.HasPrefix(decl.Node().(*ast.FuncDecl).Name.Name, "New") && c.callerOwnsDeadline(decl, src, depth)
				break
			}
		}
	})
	return found
}

// callerOwnsDeadline reports whether v is a context.Context (or, in a
// public library, a *http.Request other than a handler's) parameter of
// an exported function of a library package that every call in the
// package gives a deadline (none is needed when the package never calls
// it): its callers elsewhere choose the deadline (a captcha check that
// handlers call with their request's context; a client's GetContext that
// its Get calls with a default timeout), so this package shows no send
// without one. A framework's own context type (caddy.Context) is a
// lifetime, not a caller's deadline, and does not count.
func (c *checker) callerOwnsDeadline(fcur inspector.Cursor, v *types.Var, depth int) bool {
	decl, ok := fcur.Node().(*ast.FuncDecl)
	if !ok || c.pass.Pkg.Name() == "main" || !analysisutil.IsContext(v.Type()) && !isRequest(v.Type()) {
		return false
	}
	fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok || !fn.Exported() {
		return false
	}
	if f := c.scope.Func(decl); isRequest(v.Type()) && (f != nil && f.Kind.IsHandler() || !c.publicLibrary()) {
		return false // the served request: its client, not a caller, ends it; or the module's own callers, unseen
	}
	index := paramIndex(fn, v)
	calls, _ := c.callsOf(fn)
	return index >= 0 && (len(calls) == 0 || depth > 0 && c.everyCallPasses(calls, index, depth-1))
}

// paramIndex returns the index of v among fn's parameters, or -1.
func paramIndex(fn *types.Func, v *types.Var) int {
	params := fn.Signature().Params()
	for i := range params.Len() {
		if params.At(i) == v {
			return i
		}
	}
	return -1
}

// everyCallPasses reports whether every call of calls passes a deadline
// context, or a request that carries one, as its argument index.
func (c *checker) everyCallPasses(calls []inspector.Cursor, index, depth int) bool {
	for _, call := range calls {
		args := call.Node().(*ast.CallExpr).Args
		if index >= len(args) {
			return false
		}
		fcur := analysisutil.EnclosingFunc(call)
		if isRequest(c.pass.TypesInfo.TypeOf(args[index])) {
			if !c.requestHasDeadline(args[index], fcur, depth) {
				return false
			}
		} else if !c.deadlineContext(args[index], fcur, depth) {
			return false
		}
	}
	return true
}

// derivesDeadline reports whether call makes a context with a deadline.
func (c *checker) derivesDeadline(call *ast.CallExpr, fcur inspector.Cursor, depth int) bool {
	fn := analysisutil.Callee(c.pass.TypesInfo, call)
	switch {
	case analysisutil.IsFunc(fn, "context", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause"):
		return true
	case analysisutil.IsFunc(fn, "context", "WithCancel", "WithCancelCause", "WithValue") && len(call.Args) > 0:
		return c.deadlineContext(call.Args[0], fcur, depth)
	case analysisutil.IsMethod(fn, "net/http", "Request", "Context"):
		// r.Context() of a request made here or given by callers: the
		// context it was built with (r.WithContext(ctx) of a served
		// request that is sent on, a proxy's usual shape).
		// Each hop spends depth: r = r.WithContext(r.Context()) is a cycle.
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && depth > 0 && c.deadlineContext(sel.X, fcur, depth-1)
	case analysisutil.IsMethod(fn, "net/http", "Request", "WithContext", "Clone") || analysisutil.IsFunc(fn, "net/http", "NewRequestWithContext"):
		return len(call.Args) > 0 && depth > 0 && c.deadlineContext(call.Args[0], fcur, depth-1) // a request's deadline is its context's
	case fn != nil && fn.Pkg() == c.pass.Pkg && depth > 0:
		return c.returnsDeadline(fn.Origin(), depth-1)
	}
	return false
}

// returnsDeadline reports whether fn, a function of this package, returns
// a context with a deadline from every return (func withDefaultTimeout()
// (context.Context, func()) { return context.WithTimeout(…) }).
func (c *checker) returnsDeadline(fn *types.Func, depth int) bool {
	results := fn.Signature().Results()
	index := -1
	for i := range results.Len() {
		if analysisutil.IsContext(results.At(i).Type()) {
			index = i
		}
	}
	if c.decls == nil {
		c.decls = analysisutil.FuncDecls(c.pass.TypesInfo, c.inspector)
	}
	decl, ok := c.inspector.Root().FindNode(c.decls[fn])
	if index < 0 || c.decls[fn] == nil || !ok {
		return false
	}
	returns := 0
	for cur := range decl.Preorder((*ast.ReturnStmt)(nil)) {
		ret := cur.Node().(*ast.ReturnStmt)
		if analysisutil.EnclosingFunc(cur).Node() != decl.Node() {
			continue // a closure's own return
		}
		returns++
		switch {
		case len(ret.Results) == results.Len():
			if !c.deadlineContext(ret.Results[index], decl, depth) {
				return false
			}
		case len(ret.Results) == 1 && results.Len() > 1:
			call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
			if !ok || !c.derivesDeadline(call, decl, depth) { // return context.WithTimeout(…)
				return false
			}
		default:
			return false
		}
	}
	return returns > 0
}

// callersPassDeadline reports whether v is a parameter of the function
// at fcur, an unexported function of this package (or one of package
// main), and every call of it passes a deadline context for v.
func (c *checker) callersPassDeadline(fcur inspector.Cursor, v *types.Var, depth int) bool {
	decl, ok := fcur.Node().(*ast.FuncDecl)
	if !ok {
		return false
	}
	fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok || fn.Exported() && c.pass.Pkg.Name() != "main" {
		return false
	}
	index := paramIndex(fn, v)
	calls, ok := c.callsOf(fn)
	return index >= 0 && ok && len(calls) > 0 && c.everyCallPasses(calls, index, depth)
}

// calls is the package's call graph for callersPassDeadline: the calls of
// each function of the package, made directly or through a field or
// variable it was stored in (o.Do = do; s.opts.Do(ctx, …)).
type calls struct {
	of      map[*types.Func][]inspector.Cursor
	unknown map[*types.Func]bool // used as a value the graph cannot follow
}

// callsOf returns the calls of fn outside test files, and false when fn
// may also be called from where the package cannot see.
func (c *checker) callsOf(fn *types.Func) ([]inspector.Cursor, bool) {
	if c.calls == nil {
		c.calls = c.buildCalls()
	}
	return c.calls.of[fn], !c.calls.unknown[fn]
}

func (c *checker) buildCalls() *calls {
	info := c.pass.TypesInfo
	g := &calls{of: make(map[*types.Func][]inspector.Cursor), unknown: make(map[*types.Func]bool)}
	stored := make(map[types.Object][]*types.Func) // fields and variables holding a function of the package
	local := func(e ast.Expr) *types.Func {
		var id *ast.Ident
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			id = x
		case *ast.SelectorExpr:
			id = x.Sel
		default:
			return nil
		}
		fn, _ := info.Uses[id].(*types.Func)
		if fn == nil || fn.Pkg() != c.pass.Pkg {
			return nil
		}
		return fn
	}
	holder := func(e ast.Expr) types.Object {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return info.ObjectOf(x)
		case *ast.SelectorExpr:
			if sel, ok := info.Selections[x]; ok && sel.Kind() == types.FieldVal {
				return sel.Obj()
			}
		}
		return nil
	}
	root := c.inspector.Root()
	// First the stores of functions as values, then the calls through them.
	for cur := range root.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		fn, _ := info.Uses[id].(*types.Func)
		if fn == nil || fn.Pkg() != c.pass.Pkg {
			continue
		}
		e := cur
		if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
			e = cur.Parent()
		}
		switch p := e.Parent().Node().(type) {
		case *ast.CallExpr:
			if p.Fun == e.Node() {
				continue // a call
			}
		case *ast.AssignStmt:
			if i, ok := rhsIndex(p, e.Node()); ok {
				if h := holder(p.Lhs[i]); h != nil {
					stored[h] = append(stored[h], fn)
					continue
				}
			}
		case *ast.KeyValueExpr:
			if p.Value == e.Node() {
				if key, ok := p.Key.(*ast.Ident); ok {
					if h, ok := info.Uses[key].(*types.Var); ok && h.IsField() {
						stored[h] = append(stored[h], fn)
						continue
					}
				}
			}
		case *ast.SelectorExpr:
			continue // a method value's receiver side, or a qualified name handled as Sel
		}
		if _, isDecl := info.Defs[id]; !isDecl {
			g.unknown[fn] = true
		}
	}
	for cur := range root.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if c.reporter.Skip(call.Pos()) {
			continue
		}
		if fn := local(call.Fun); fn != nil {
			g.of[fn] = append(g.of[fn], cur)
			continue
		}
		if h := holder(call.Fun); h != nil {
			for _, fn := range stored[h] {
				g.of[fn] = append(g.of[fn], cur)
			}
		}
	}
	return g
}

// rhsIndex returns the index of e among the right-hand sides of as, when
// each has its own left-hand side.
func rhsIndex(as *ast.AssignStmt, e ast.Node) (int, bool) {
	if len(as.Lhs) != len(as.Rhs) {
		return 0, false
	}
	for i, r := range as.Rhs {
		if r == e {
			return i, true
		}
	}
	return 0, false
}

// requestContext reports whether ctx, in the function at fcur, is the
// context of the request a handler serves (r.Context(), a gRPC method's
// ctx, or one derived from them): the send ends when the request's client
// goes away. Such a send is a lesser risk than one with no deadline at all
// (see reportSends).
func (c *checker) requestContext(ctx ast.Expr, fcur inspector.Cursor) bool {
	handler, ok := c.scope.Request(fcur)
	if !ok {
		return false
	}
	e := ast.Unparen(ctx)
	if call, ok := e.(*ast.CallExpr); ok {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Context" || len(call.Args) != 0 {
			return false
		}
		e = sel.X // r.Context(), c.Request.Context()
		for {
			inner, ok := ast.Unparen(e).(*ast.SelectorExpr)
			if !ok {
				break
			}
			e = inner.X
		}
	}
	v, ok := analysisutil.IdentObject(c.pass.TypesInfo, e).(*types.Var)
	if !ok {
		return false
	}
	src, ok := c.scope.Source(v)
	n := handler.Node()
	return ok && !src.Detached && !src.Testing && n.Pos() <= v.Pos() && v.Pos() < n.End()
}

// publicLibrary reports whether the package is a library that other
// modules import: not a program, and not under internal/, whose callers
// are the module's own packages, which this analysis does not see.
func (c *checker) publicLibrary() bool {
	return c.pass.Pkg.Name() != "main" && !strings.Contains("/"+c.pass.Pkg.Path()+"/", "/internal/")
}
