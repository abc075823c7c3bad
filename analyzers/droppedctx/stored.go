package droppedctx

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/scope"
)

// usesStoredContext reports whether the method call at cur runs on a
// value that keeps a context of its own (a database engine with a default
// context field or a SetDefaultContext method), after the function has
// handed the context in scope to some call: the engine was most likely
// built or set up with that same context (InitEngine(ctx), then
// engine.Ping()), and its plain methods use it.
func (c *checker) usesStoredContext(cur inspector.Cursor, call *ast.CallExpr, src scope.Source) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if s, ok := c.pass.TypesInfo.Selections[sel]; !ok || s.Kind() != types.MethodVal || !holdsContext(s.Recv()) {
		return false
	}
	for prev := range analysisutil.EnclosingFunc(cur).Preorder((*ast.CallExpr)(nil)) {
		if prev.Node().End() > call.Pos() {
			continue // not before the call
		}
		for _, arg := range prev.Node().(*ast.CallExpr).Args {
			if id := identOf(arg); id != nil && c.pass.TypesInfo.Uses[id] == src.Var {
				return true
			}
		}
	}
	return false
}

// waitsOnContextWork reports whether the method call at cur runs on a
// handle of work that a call given the context in scope started: a future
// or batch returned by submit(ctx, …), also wrapped in a literal
// (Future{batch: batches[i]}.Wait()). That work runs under the context;
// the plain method waits for it, and its context variant would only
// abandon the wait while the work goes on.
func (c *checker) waitsOnContextWork(cur inspector.Cursor, call *ast.CallExpr, src scope.Source) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || src.Var == nil {
		return false
	}
	if s, ok := c.pass.TypesInfo.Selections[sel]; !ok || s.Kind() != types.MethodVal {
		return false
	}
	found := false
	ast.Inspect(sel.X, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || found {
			return !found
		}
		if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && v != src.Var {
			if def := analysisutil.DefiningCall(c.pass.TypesInfo, cur, v); def != nil {
				for _, arg := range def.Args {
					found = found || c.mentions(arg, src.Var)
				}
			}
		}
		return !found
	})
	return found
}

// mentions reports whether e uses v (ctx, r.Context(), WithValue(ctx, …)).
func (c *checker) mentions(e ast.Expr, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// holdsContext reports whether values of t keep a context: a struct field
// of type context.Context, or a SetContext-like method.
func holdsContext(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if st, ok := t.Underlying().(*types.Struct); ok {
		for f := range st.Fields() {
			if analysisutil.IsContext(f.Type()) {
				return true
			}
		}
	}
	ms := types.NewMethodSet(types.NewPointer(t))
	for m := range ms.Methods() {
		name := m.Obj().Name()
		sig, _ := m.Type().(*types.Signature)
		if strings.HasPrefix(name, "Set") && strings.HasSuffix(name, "Context") && sig != nil &&
			sig.Params().Len() == 1 && analysisutil.IsContext(sig.Params().At(0).Type()) {
			return true
		}
	}
	return false
}

// keepsContext reports whether the function a call calls (a literal or a
// function of this package) keeps the context given as argument i beyond
// the call: it starts a goroutine with it or stores it in a field. A root
// context handed to it belongs to that longer-lived work (a watcher that
// lives as long as the process), which no caller's context should end.
func (c *checker) keepsContext(call *ast.CallExpr, i int) bool {
	param, body := c.paramOf(call, i)
	if param == nil || !analysisutil.IsContext(param.Type()) {
		return false
	}
	kept := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			ast.Inspect(n, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == param {
					kept = true
				}
				return !kept
			})
		case *ast.AssignStmt:
			for j, rhs := range n.Rhs {
				if id := identOf(rhs); id != nil && c.pass.TypesInfo.Uses[id] == param && j < len(n.Lhs) && !c.isLocal(n.Lhs[j]) {
					kept = true
				}
			}
		case *ast.KeyValueExpr:
			if id := identOf(n.Value); id != nil && c.pass.TypesInfo.Uses[id] == param {
				kept = true
			}
		}
		return !kept
	})
	return kept
}
