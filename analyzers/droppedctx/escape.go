package droppedctx

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/flow"
)

// requestEscapes reports whether a value that can take a context later
// (an *http.Request from http.NewRequest) leaves the function or gets one:
// req.WithContext(ctx) and returning req to a caller that attaches its own
// are both fine. So is a request no call is ever given: built only to be
// read (to format an Authorization header), it is never sent.
func (c *checker) requestEscapes(cur inspector.Cursor, fn *types.Func) bool {
	res := fn.Type().(*types.Signature).Results()
	if res.Len() == 0 || !hasMethod(res.At(0).Type(), "WithContext") {
		return false
	}
	return c.escapes(cur) || !c.outlives(cur, true)
}

// outlives reports whether the value made at cur leaves the function,
// followed through local variables: returned, stored beyond it, sent,
// captured by a goroutine or put in a literal; with handedToCalls, also
// given to any call (its own methods and fields do not count); without,
// also a field of it that is a reader or a connection (resp.Body, not
// resp.StatusCode) or a value built on one (a decoder, a scanner) that
// does.
func (c *checker) outlives(cur inspector.Cursor, handedToCalls bool) bool {
	t := &flow.Tracer{Info: c.pass.TypesInfo, Store: c.store, Step: func(s flow.Site) flow.Verdict {
		switch s.Kind {
		case flow.Assigned, flow.Overwritten:
			return flow.Follows
		case flow.Returned, flow.Element, flow.Sent, flow.Goroutine:
			return flow.Escapes
		case flow.Selected:
			if sel, ok := c.pass.TypesInfo.Selections[s.Cur.Node().(*ast.SelectorExpr)]; ok && !handedToCalls && sel.Kind() == types.FieldVal && hasMethods(sel.Type()) {
				return flow.Follows // resp.Body, not resp.StatusCode
			}
		case flow.Argument, flow.Converted, flow.Addressed:
			if handedToCalls {
				return flow.Escapes
			}
			if call, ok := s.Cur.Node().(*ast.CallExpr); ok && s.Kind == flow.Argument && wraps(c.pass.TypesInfo, call) &&
				hasMethods(c.pass.TypesInfo.TypeOf(s.Value.Node().(ast.Expr))) {
				return flow.Follows // a reader over resp.Body, not a config parsed from bytes read out of it
			}
		case flow.Other:
			if _, isKey := s.Cur.Node().(*ast.KeyValueExpr); isKey || handedToCalls {
				return flow.Escapes
			}
		}
		return flow.Stays
	}}
	return t.Escapes(cur)
}

// wraps reports whether call returns a value with methods besides an
// error or a context (a decoder, a reader, a scanner): built on a reader
// or a connection among its arguments, it keeps it for as long as it
// lives.
func wraps(info *types.Info, call *ast.CallExpr) bool {
	for _, r := range resultTypes(info, call) {
		if analysisutil.IsContext(r) || analysisutil.IsError(r) {
			continue // a derived context is the one given, not a value kept
		}
		if hasMethods(r) {
			return true
		}
	}
	return false
}

// hasMethods reports whether a value of type t has methods (a reader, a
// connection, a decoder), not only data (bytes, strings, numbers).
func hasMethods(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, isPtr := t.Underlying().(*types.Pointer); !isPtr && !types.IsInterface(t) {
		t = types.NewPointer(t) // the methods of an addressable value
	}
	return types.NewMethodSet(t).Len() > 0
}

// resultTypes returns the types of call's results.
func resultTypes(info *types.Info, call *ast.CallExpr) []types.Type {
	t := info.TypeOf(call)
	if t == nil {
		return nil
	}
	tuple, ok := t.(*types.Tuple)
	if !ok {
		return []types.Type{t}
	}
	var results []types.Type
	for v := range tuple.Variables() {
		results = append(results, v.Type())
	}
	return results
}

func hasMethod(t types.Type, name string) bool {
	return analysisutil.Method(t, name) != nil
}

// escapes reports whether the root context made by the call at cur (or
// another value holding one) outlives the call's function: stored in a
// field, a package variable or a composite literal, returned, sent,
// captured by a goroutine or kept by a callee. Such a context belongs to
// something with a longer lifetime, and dropping the caller's context
// there is deliberate. Derivations (WithCancel, …) and local variables are
// followed, and so is every variable an assignment sets: a derived
// context's cancel func escaping counts too.
func (c *checker) escapes(cur inspector.Cursor) bool {
	t := &flow.Tracer{Info: c.pass.TypesInfo, Step: c.step, Store: c.store}
	return t.Escapes(cur)
}

// step says where a root context goes at s.
func (c *checker) step(s flow.Site) flow.Verdict {
	if c.capturedByEscapingClosure(s.Value) {
		return flow.Escapes // a stream's Close that cancels it owns it
	}
	switch s.Kind {
	case flow.Selected:
		if s.Cur.Node().(*ast.SelectorExpr).Sel.Name == "WithContext" && !c.ownContextBack(s) {
			return flow.Escapes // the value gets a context after all
		}
	case flow.Argument, flow.Converted:
		return c.passed(s)
	case flow.Assigned, flow.Overwritten:
		return flow.Follows
	case flow.Returned, flow.Element, flow.Sent, flow.Goroutine:
		return flow.Escapes
	case flow.Other:
		switch s.Cur.Node().(type) {
		case *ast.KeyValueExpr, *ast.SendStmt, *ast.GoStmt:
			return flow.Escapes
		}
	}
	return flow.Stays
}

// capturedByEscapingClosure reports whether the variable used at cur is
// captured by a function literal that outlives the function: returned,
// stored in a field or a composite literal, or kept by a callee. The
// value's lifetime is then the closure owner's (a reader whose Close
// cancels the context of the work behind it). A literal called at once,
// deferred or run as a goroutine does not count here.
func (c *checker) capturedByEscapingClosure(cur inspector.Cursor) bool {
	id, ok := cur.Node().(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	for lit := range cur.Enclosing((*ast.FuncLit)(nil)) {
		n := lit.Node()
		if n.Pos() <= v.Pos() && v.Pos() < n.End() {
			return false // declared inside the literal: not a capture
		}
		if c.tracingClosures[n] {
			continue // a recursive closure, already being followed
		}
		if c.tracingClosures == nil {
			c.tracingClosures = make(map[ast.Node]bool)
		}
		c.tracingClosures[n] = true
		escapes := c.escapes(lit)
		delete(c.tracingClosures, n)
		if escapes {
			return true
		}
	}
	return false
}

// ownContextBack reports whether x.WithContext(…) at s gives x back its
// own context, at most with values added (req.WithContext(
// context.WithValue(req.Context(), k, v))): that attaches no real context.
func (c *checker) ownContextBack(s flow.Site) bool {
	call, ok := s.Cur.Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != s.Cur.Node() || len(call.Args) != 1 {
		return false
	}
	recv := analysisutil.ObjectOf(c.pass.TypesInfo, s.Value.Node().(ast.Expr))
	arg := ast.Unparen(call.Args[0])
	for {
		inner, ok := arg.(*ast.CallExpr)
		if !ok {
			return false
		}
		fn := analysisutil.Callee(c.pass.TypesInfo, inner)
		switch {
		case analysisutil.IsFunc(fn, "context", "WithValue") && len(inner.Args) == 3:
			arg = ast.Unparen(inner.Args[0])
		case fn != nil && fn.Name() == "Context" && len(inner.Args) == 0:
			sel, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr)
			return ok && recv != nil && analysisutil.ObjectOf(c.pass.TypesInfo, sel.X) == recv
		default:
			return false
		}
	}
}

// passed decides a root context (or a value holding one) given to a call.
func (c *checker) passed(s flow.Site) flow.Verdict {
	call := s.Cur.Node().(*ast.CallExpr)
	fn := analysisutil.Callee(c.pass.TypesInfo, call)
	switch {
	case fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "context":
		return flow.Follows // a derived context carries the root on
	case fn != nil && (isDeliberateRootUse(fn.Name()) || isConstructor(fn)):
		return flow.Escapes // a constructor's context belongs to the value it builds
	case c.passesContext(call, s.Value.Node()):
		return flow.Escapes // the callee gets a context alongside: do(ctx, req)
	case s.Kind == flow.Argument && c.keepsContext(call, s.Index):
		return flow.Escapes // the callee's longer-lived work owns it
	case c.resultEscapes(s.Cur):
		return flow.Escapes
	}
	return flow.Stays
}

// store decides an assignment target: beyond the function it escapes; a
// local variable is followed unless it holds an error.
func (c *checker) store(t flow.Target) flow.Verdict {
	switch {
	case !c.isLocal(t.Expr):
		return flow.Escapes
	case t.Var == nil || analysisutil.IsError(t.Var.Type()):
		return flow.Stays
	}
	return flow.Follows
}

// resultEscapes reports whether the result of a call that was given a root
// context is stored beyond the function (a pooled connection, a client, a
// stdin pipe kept in a field), directly or through local variables.
func (c *checker) resultEscapes(call inspector.Cursor) bool {
	if !c.yieldsResource(call.Node().(*ast.CallExpr)) {
		return false // an error or a plain value carries no lifetime
	}
	return c.outlives(call, false)
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

// isDeliberateRootUse reports whether passing a root context to a callee
// of this name is a known detach idiom: a shutdown path (Shutdown, Stop,
// Close, exit…), a request given a context of its own (req.WithContext,
// r.Clone(ctx): a request the function sends or serves apart), or a trace propagator starting a new root from carried headers (Extract).
func isDeliberateRootUse(name string) bool {
	if name == "WithContext" || name == "Clone" || name == "Extract" {
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
	for _, r := range resultTypes(c.pass.TypesInfo, call) {
		if _, basic := r.Underlying().(*types.Basic); !basic && !analysisutil.IsError(r) {
			return true
		}
	}
	return false
}
