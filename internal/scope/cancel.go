package scope

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// Cancellable reports whether someone may cancel the context src: a
// request's, one derived with a cancel or deadline, a field or a call's
// result (a lifetime someone ends), or a parameter that some caller gives
// such a context. It is false only on evidence that nobody can: the
// parameter of a function that only this package calls, each time with
// context.Background or TODO (directly or through such parameters), or a
// context detached with context.WithoutCancel. Waiting on after such a
// context is "canceled" is waiting on after nothing.
func (in *Info) Cancellable(src Source) bool {
	return in.cancellable(src, make(map[*types.Var]bool))
}

func (in *Info) cancellable(src Source, seen map[*types.Var]bool) bool {
	switch {
	case src.Detached || in.backgroundCommand(src.Var):
		return false
	case src.Derived || in.overwritten[src.Var]:
		return in.localCancellable(src.Var, seen)
	}
	return !in.uncancelled[src.Var]
}

// localCancellable classifies a local context variable by the values
// assigned to it: cancellable if any of them is, or if none is known.
// seen holds the variables already on the way, so a cycle ends.
func (in *Info) localCancellable(v *types.Var, seen map[*types.Var]bool) bool {
	values, ok := in.assigns[v]
	if !ok {
		return true
	}
	if seen[v] {
		return false // a cycle (ctx, span = tracer.Start(ctx)) adds no value
	}
	seen[v] = true
	for _, rhs := range values {
		if in.exprCancellable(rhs, seen) {
			return true
		}
	}
	return false
}

// exprCancellable classifies a context expression: false for
// context.Background(), TODO(), WithoutCancel(…), nil, and values derived
// from such without a cancel or deadline: WithValue, a WithCancel whose
// cancel is only deferred (it ends the context when the function returns,
// not while it waits), and calls that take a context and return one with
// no cancel func (tracer.Start, metadata.NewOutgoingContext); true
// otherwise.
func (in *Info) exprCancellable(e ast.Expr, seen map[*types.Var]bool) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if e.Name == "nil" && in.info.Uses[e] == types.Universe.Lookup("nil") {
			return false
		}
		v, ok := in.info.Uses[e].(*types.Var)
		if !ok {
			return true
		}
		if src, ok := in.vars[v]; ok && !src.Derived {
			return in.cancellable(src, seen)
		}
		return in.localCancellable(v, seen)
	case *ast.CallExpr:
		fn := analysisutil.Callee(in.info, e)
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && fn != nil && fn.Name() == "Context" {
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
				if v, ok := in.info.Uses[id].(*types.Var); ok && in.backgroundCommand(v) {
					return false // cmd.Context()
				}
			}
		}
		switch {
		case analysisutil.IsFunc(fn, "context", "Background", "TODO", "WithoutCancel"):
			return false
		case analysisutil.IsFunc(fn, "context", "WithValue") && len(e.Args) > 0:
			return in.exprCancellable(e.Args[0], seen)
		case analysisutil.IsFunc(fn, "context", "WithCancel", "WithCancelCause") && len(e.Args) > 0:
			return in.exprCancellable(e.Args[0], seen) || !in.deferred[e]
		case fn != nil && fn.Pkg() != nil && fn.Pkg().Path() != "context" && passesContextOn(fn.Signature()) && len(e.Args) > 0:
			return in.exprCancellable(e.Args[0], seen)
		}
	}
	return true
}

// findUncancelled finds the context parameters that no caller can cancel
// (see Cancellable): optimistic at first for every context parameter of a
// function only this package calls, and only by direct calls, then
// cleared, to a fixpoint, by any call that passes a cancellable context.
func (in *Info) findUncancelled(insp *inspector.Inspector) {
	params := make(map[*types.Func][]int) // candidate functions: their context parameters' indices
	ifaceMethods := interfaceMethodNames(in.pkg)
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		fn, _ := in.info.Defs[decl.Name].(*types.Func)
		if fn == nil || !localOnly(fn, ifaceMethods) || decl.Body == nil {
			continue
		}
		sig := fn.Signature()
		for i := range sig.Params().Len() {
			if p := sig.Params().At(i); analysisutil.IsContext(p.Type()) && !sig.Variadic() {
				params[fn] = append(params[fn], i)
				in.uncancelled[p] = true
			}
		}
	}
	in.findAssigns(insp)
	in.findOverwritten(insp)
	if len(params) == 0 {
		return
	}
	var calls []*ast.CallExpr
	called := make(map[*types.Func]bool)
	for cur := range insp.Root().Preorder((*ast.Ident)(nil)) {
		fn, ok := in.info.Uses[cur.Node().(*ast.Ident)].(*types.Func)
		if !ok || params[fn] == nil {
			continue
		}
		use := cur
		if use.ParentEdgeKind() == edge.SelectorExpr_Sel {
			use = use.Parent()
		}
		if use.ParentEdgeKind() != edge.CallExpr_Fun {
			in.clear(fn, params[fn]) // a func value or method value: callers unknown
			delete(params, fn)
			continue
		}
		calls = append(calls, use.Parent().Node().(*ast.CallExpr))
		called[fn] = true
	}
	for fn, indices := range params {
		if !called[fn] {
			in.clear(fn, indices) // no caller seen: nothing to go by
		}
	}
	for changed := true; changed; {
		changed = false
		for _, call := range calls {
			fn := analysisutil.Callee(in.info, call)
			for _, i := range params[fn] {
				p := fn.Signature().Params().At(i)
				if in.uncancelled[p] && i < len(call.Args) && in.exprCancellable(call.Args[i], make(map[*types.Var]bool)) {
					delete(in.uncancelled, p)
					changed = true
				}
			}
		}
	}
}

// passesContextOn reports whether sig takes a context first and returns
// one first, with no func among its results: a context derived from the
// argument, which no one but its parent's owner can end.
func passesContextOn(sig *types.Signature) bool {
	if sig.Params().Len() == 0 || sig.Results().Len() == 0 ||
		!analysisutil.IsContext(sig.Params().At(0).Type()) || !analysisutil.IsContext(sig.Results().At(0).Type()) {
		return false
	}
	for r := range sig.Results().Variables() {
		if _, ok := r.Type().Underlying().(*types.Signature); ok {
			return false
		}
	}
	return true
}

func (in *Info) clear(fn *types.Func, indices []int) {
	for _, i := range indices {
		delete(in.uncancelled, fn.Signature().Params().At(i))
	}
}

// localOnly reports whether every caller of fn is in its own package and
// calls it directly: it is unexported or in a main package, and no method
// an interface of the package may call in its stead.
func localOnly(fn *types.Func, ifaceMethods map[string]bool) bool {
	if fn.Pkg() == nil || fn.Exported() && fn.Pkg().Name() != "main" {
		return false
	}
	if fn.Signature().Recv() != nil {
		return !fn.Exported() && !ifaceMethods[fn.Name()]
	}
	return true
}

// interfaceMethodNames returns the names of the unexported methods of the
// package's named interfaces.
func interfaceMethodNames(pkg *types.Package) map[string]bool {
	names := make(map[string]bool)
	for _, name := range pkg.Scope().Names() {
		tn, ok := pkg.Scope().Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		if it, ok := tn.Type().Underlying().(*types.Interface); ok {
			for m := range it.Methods() {
				if !m.Exported() {
					names[m.Name()] = true
				}
			}
		}
	}
	return names
}

// findAssigns records every value assigned to a local context variable.
func (in *Info) findAssigns(insp *inspector.Inspector) {
	record := func(id *ast.Ident, rhs ast.Expr) {
		v, ok := in.info.ObjectOf(id).(*types.Var)
		if ok && !v.IsField() && v.Parent() != in.pkg.Scope() && analysisutil.IsContext(v.Type()) {
			in.assigns[v] = append(in.assigns[v], rhs)
		}
	}
	for cur := range insp.Root().Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		lhs, rhs := analysisutil.AssignSides(cur.Node())
		for i, l := range lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				continue
			}
			switch {
			case len(rhs) == len(lhs):
				record(id, rhs[i])
			case len(rhs) == 1:
				record(id, rhs[0])
			}
		}
		if len(lhs) == 2 && len(rhs) == 1 {
			in.findDeferredCancel(cur, lhs[1], rhs[0])
		}
	}
}

// findDeferredCancel records a context.WithCancel call whose cancel func
// (the variable cancelExpr, at the assignment cur) is discarded or only
// ever called by a defer statement: the context then ends only when the
// function returns.
func (in *Info) findDeferredCancel(cur inspector.Cursor, cancelExpr, rhs ast.Expr) {
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok || !analysisutil.IsFunc(analysisutil.Callee(in.info, call), "context", "WithCancel", "WithCancelCause") {
		return
	}
	id, ok := cancelExpr.(*ast.Ident)
	if !ok {
		return
	}
	if id.Name == "_" {
		in.deferred[call] = true
		return
	}
	cancel := in.info.ObjectOf(id)
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		for use := range fn.Preorder((*ast.Ident)(nil)) {
			if in.info.Uses[use.Node().(*ast.Ident)] == cancel &&
				(use.ParentEdgeKind() != edge.CallExpr_Fun || use.Parent().ParentEdgeKind() != edge.DeferStmt_Call) {
				return // called in the body, handed on or stored: someone may cancel early
			}
		}
		in.deferred[call] = true
		return
	}
}

// findOverwritten records the context parameters that their function
// assigns, at the top level of its body, before any statement reads them
// (ctx, cancel := context.WithCancel(context.Background())): what the
// caller passed is never used, only what was assigned.
func (in *Info) findOverwritten(insp *inspector.Inspector) {
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ftype *ast.FuncType
		var body *ast.BlockStmt
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			ftype, body = n.Type, n.Body
		case *ast.FuncLit:
			ftype, body = n.Type, n.Body
		}
		if body == nil {
			continue
		}
		for _, field := range ftype.Params.List {
			for _, name := range field.Names {
				if v, ok := in.info.Defs[name].(*types.Var); ok && analysisutil.IsContext(v.Type()) && in.assigns[v] != nil {
					in.overwritten[v] = in.assignedFirst(body, v)
				}
			}
		}
	}
}

// assignedFirst reports whether the first top-level statement of body
// that mentions v assigns it without reading it.
func (in *Info) assignedFirst(body *ast.BlockStmt, v *types.Var) bool {
	mentions := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && in.info.Uses[id] == v {
				found = true
			}
			return !found
		})
		return found
	}
	for _, stmt := range body.List {
		if !mentions(stmt) {
			continue
		}
		assign, ok := stmt.(*ast.AssignStmt)
		if !ok || assign.Tok != token.ASSIGN && assign.Tok != token.DEFINE {
			return false
		}
		for _, r := range assign.Rhs {
			if mentions(r) {
				return false
			}
		}
		return true
	}
	return false
}

const cobraPath = "github.com/spf13/cobra"

// backgroundCommand reports whether v is a *cobra.Command whose Context()
// nobody can cancel: cobra gives a command context.Background unless the
// program runs it with ExecuteContext or sets one with SetContext, and
// this package does neither.
func (in *Info) backgroundCommand(v *types.Var) bool {
	if v == nil || !analysisutil.IsPointerTo(v.Type(), cobraPath, "Command") {
		return false
	}
	return !in.cobraContext
}

// setsCobraContext reports whether the package runs a cobra command with
// a context or sets one (see backgroundCommand). run computes it, so that
// Info does not change once returned.
func setsCobraContext(info *types.Info) bool {
	for _, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == cobraPath &&
			(fn.Name() == "ExecuteContext" || fn.Name() == "ExecuteContextC" || fn.Name() == "SetContext") {
			return true
		}
	}
	return false
}

// Within reports whether the context variable v is outer, or derived from
// it by every value assigned to it (a call such as context.WithCancel
// taking it first, or a copy): when outer is done, so is v.
func (in *Info) Within(v, outer types.Object) bool {
	return in.within(v, outer, make(map[types.Object]bool))
}

func (in *Info) within(v, outer types.Object, seen map[types.Object]bool) bool {
	if v == outer {
		return true
	}
	lv, ok := v.(*types.Var)
	if !ok || seen[v] || len(in.assigns[lv]) == 0 {
		return false
	}
	seen[v] = true
	for _, rhs := range in.assigns[lv] {
		e := ast.Unparen(rhs)
		if call, ok := e.(*ast.CallExpr); ok && len(call.Args) > 0 {
			e = ast.Unparen(call.Args[0])
		}
		id, ok := e.(*ast.Ident)
		if !ok || !analysisutil.IsContext(in.info.TypeOf(id)) || !in.within(in.info.Uses[id], outer, seen) {
			return false
		}
	}
	return true
}
