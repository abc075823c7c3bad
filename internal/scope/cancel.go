package scope

import (
	"go/ast"
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
	if src.Detached || in.backgroundCommand(src.Var) {
		return false
	}
	if src.Derived {
		return in.localCancellable(src.Var, make(map[*types.Var]bool))
	}
	return !in.uncancelled[src.Var]
}

// localCancellable classifies a local context variable by the values
// assigned to it: cancellable if any of them is, or if none is known.
func (in *Info) localCancellable(v *types.Var, seen map[*types.Var]bool) bool {
	values, ok := in.assigns[v]
	if !ok || seen[v] {
		return true
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
// without a cancel or deadline from such (WithValue); true otherwise.
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
			return in.Cancellable(src)
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
		var lhs, rhs []ast.Expr
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			lhs, rhs = n.Lhs, n.Rhs
		case *ast.ValueSpec:
			for _, id := range n.Names {
				lhs = append(lhs, id)
			}
			rhs = n.Values
		}
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
	}
}

const cobraPath = "github.com/spf13/cobra"

// backgroundCommand reports whether v is a *cobra.Command whose Context()
// nobody can cancel: cobra gives a command context.Background unless the
// program runs it with ExecuteContext or sets one with SetContext, and
// this package does neither.
func (in *Info) backgroundCommand(v *types.Var) bool {
	if v == nil || !isPointerTo(v.Type(), cobraPath, "Command") {
		return false
	}
	in.cobraOnce.Do(func() {
		for _, obj := range in.info.Uses {
			if fn, ok := obj.(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == cobraPath &&
				(fn.Name() == "ExecuteContext" || fn.Name() == "ExecuteContextC" || fn.Name() == "SetContext") {
				in.cobraContext = true
			}
		}
	})
	return !in.cobraContext
}
