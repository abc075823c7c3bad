package droppedctx

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// rootEscapes reports whether the root context made by the call at cur
// outlives the call's function: stored in a field, a package variable or a
// composite literal, returned, sent, or captured by a goroutine. Such a
// context belongs to something with a longer lifetime, and dropping the
// caller's context there is deliberate. Derivations (WithCancel, …) and
// local variables are followed.
func (c *checker) rootEscapes(cur inspector.Cursor) bool {
	return c.escapes(cur, make(map[types.Object]bool))
}

// requestEscapes reports whether a value that can take a context later
// (an *http.Request from http.NewRequest) leaves the function or gets one:
// req.WithContext(ctx) and returning req to a caller that attaches its own
// are both fine.
func (c *checker) requestEscapes(cur inspector.Cursor, fn *types.Func) bool {
	res := fn.Type().(*types.Signature).Results()
	if res.Len() == 0 || !hasMethod(res.At(0).Type(), "WithContext") {
		return false
	}
	return c.escapes(cur, make(map[types.Object]bool))
}

func hasMethod(t types.Type, name string) bool {
	return analysisutil.Method(t, name) != nil
}

func (c *checker) escapes(cur inspector.Cursor, seen map[types.Object]bool) bool {
	info := c.pass.TypesInfo
	for {
		parent := cur.Parent()
		switch p := parent.Node().(type) {
		case *ast.ParenExpr:
			cur = parent
			continue
		case *ast.SelectorExpr:
			return p.Sel.Name == "WithContext" // the value gets a context after all
		case *ast.CallExpr:
			if p.Fun == cur.Node() {
				return false
			}
			fn := analysisutil.Callee(info, p)
			if fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "context" {
				cur = parent // a derived context carries the root on
				continue
			}
			if fn != nil && (isDeliberateRootUse(fn.Name()) || isConstructor(fn)) {
				return true // a constructor's context belongs to the value it builds
			}
			if c.passesContext(p, cur.Node()) {
				return true // the callee gets a context alongside: do(ctx, req)
			}
			return c.resultEscapes(parent)
		case *ast.AssignStmt:
			return c.assignedEscapes(parent, p.Lhs, seen)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(p.Names))
			for i, id := range p.Names {
				lhs[i] = id
			}
			return c.assignedEscapes(parent, lhs, seen)
		case *ast.ReturnStmt, *ast.CompositeLit, *ast.KeyValueExpr, *ast.SendStmt, *ast.GoStmt:
			return true
		}
		return false
	}
}

// resultEscapes reports whether the result of a call that was given a root
// context is stored beyond the function (a pooled connection, a client).
func (c *checker) resultEscapes(call inspector.Cursor) bool {
	if !c.yieldsResource(call.Node().(*ast.CallExpr)) {
		return false // an error or a plain value carries no lifetime
	}
	switch p := call.Parent().Node().(type) {
	case *ast.AssignStmt:
		for _, lhs := range p.Lhs {
			if !c.isLocal(lhs) {
				return true
			}
		}
	case *ast.ReturnStmt, *ast.CompositeLit, *ast.KeyValueExpr:
		return true
	}
	return false
}

// assignedEscapes follows a root context into the left-hand sides of an
// assignment: a non-local target escapes; a local variable escapes when
// one of its uses does.
func (c *checker) assignedEscapes(stmt inspector.Cursor, lhs []ast.Expr, seen map[types.Object]bool) bool {
	info := c.pass.TypesInfo
	for _, e := range lhs {
		if !c.isLocal(e) {
			return true
		}
		obj := info.ObjectOf(e.(*ast.Ident))
		if obj == nil || seen[obj] || isError(obj.Type()) {
			continue
		}
		seen[obj] = true
		fcur, _ := c.scope.Handler(stmt)
		if !fcur.Valid() {
			continue
		}
		for use := range fcur.Preorder((*ast.Ident)(nil)) {
			if info.Uses[use.Node().(*ast.Ident)] != obj {
				continue
			}
			if _, inGo := firstEnclosing(use, fcur, (*ast.GoStmt)(nil)); inGo || c.escapes(use, seen) {
				return true
			}
		}
	}
	return false
}

// isLocal reports whether e is a blank or a variable local to a function.
func (c *checker) isLocal(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	if id.Name == "_" {
		return true
	}
	obj := c.pass.TypesInfo.ObjectOf(id)
	return obj != nil && obj.Parent() != nil && obj.Parent() != c.pass.Pkg.Scope()
}

// firstEnclosing returns the innermost ancestor of cur of one of the given
// types below stop.
func firstEnclosing(cur, stop inspector.Cursor, types ...ast.Node) (inspector.Cursor, bool) {
	for c := range cur.Enclosing(types...) {
		if !stop.Contains(c) || c == stop {
			return inspector.Cursor{}, false
		}
		return c, true
	}
	return inspector.Cursor{}, false
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// isDeliberateRootUse reports whether passing a root context to a callee
// of this name is a known detach idiom: a shutdown path (Shutdown, Stop,
// Close, exit…), a request given a context of its own (req.WithContext),
// or a trace propagator starting a new root from carried headers (Extract).
func isDeliberateRootUse(name string) bool {
	if name == "WithContext" || name == "Extract" {
		return true
	}
	lower := strings.ToLower(name)
	for _, word := range []string{"shutdown", "stop", "close", "exit", "terminate", "drain"} {
		if strings.Contains(lower, word) {
			return true
		}
	}
	return false
}

// passesContext reports whether call has a context argument other than arg.
func (c *checker) passesContext(call *ast.CallExpr, arg ast.Node) bool {
	for _, a := range call.Args {
		if a != arg && analysisutil.IsContext(c.pass.TypesInfo.TypeOf(a)) {
			return true
		}
	}
	return false
}

// yieldsResource reports whether a call returns something other than
// errors and basic values: a connection, a client, rows.
func (c *checker) yieldsResource(call *ast.CallExpr) bool {
	t := c.pass.TypesInfo.TypeOf(call)
	if t == nil {
		return false
	}
	var results []types.Type
	if tuple, ok := t.(*types.Tuple); ok {
		for v := range tuple.Variables() {
			results = append(results, v.Type())
		}
	} else {
		results = []types.Type{t}
	}
	for _, r := range results {
		if _, basic := r.Underlying().(*types.Basic); !basic && !isError(r) {
			return true
		}
	}
	return false
}
