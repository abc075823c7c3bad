package droppedctx

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
	"github.com/conclint/conclint/internal/flow"
)

// reachesWait reports whether the root context made by the call at cur
// may govern a wait: it reaches (directly or through derived contexts and
// local variables) a call that may block, wait or do I/O with it. A root
// handed only to helpers that the blocking facts show never wait (an
// in-memory scan, a check of ctx.Err(), binding a socket), or to log
// calls and metrics (catalog.IsLogSink), stops nothing that would run on.
func (c *checker) reachesWait(cur inspector.Cursor) bool {
	t := &flow.Tracer{Info: c.pass.TypesInfo, Step: c.waitStep, Store: c.store}
	return t.Escapes(cur)
}

// waitStep is reachesWait's rule: Escapes means "may wait here".
func (c *checker) waitStep(s flow.Site) flow.Verdict {
	switch s.Kind {
	case flow.Selected, flow.Called:
		return flow.Stays // ctx.Err(), ctx.Value(k), cancel()
	case flow.Other:
		if bin, ok := s.Cur.Node().(*ast.BinaryExpr); ok && (bin.Op == token.EQL || bin.Op == token.NEQ) {
			return flow.Stays // o.ctx != context.Background(): a test for the default, no context handed on
		}
	case flow.Assigned, flow.Overwritten:
		return flow.Follows
	case flow.Argument, flow.Converted:
		call := s.Cur.Node().(*ast.CallExpr)
		fn := analysisutil.Callee(c.pass.TypesInfo, call)
		switch {
		case fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "context":
			return flow.Follows
		case s.Kind == flow.Argument && catalog.DecoratesContext(fn) && !c.blocking.FactOf(fn).MayWait():
			return flow.Follows // a span or a value attached: follow the context it returns
		case s.Kind == flow.Argument && catalog.ReadsContextValue(fn):
			return flow.Stays
		case s.Kind == flow.Argument && c.neverWaits(fn, call):
			return flow.Stays
		case s.Kind == flow.Argument && !c.opts.Logging && catalog.IsLogSink(fn):
			return flow.Stays // a log line or a metric: it records, nothing waits
		case s.Kind == flow.Argument && !c.opts.Logging && fn == nil && c.isLogSinkValue(s.Cur, call):
			return flow.Stays // the same, through a function value (a metric callback)
		}
	}
	return flow.Escapes
}

// isLogSinkValue reports whether call calls a function value that only
// records: a metric or log callback held in a variable or field.
func (c *checker) isLogSinkValue(cur inspector.Cursor, call *ast.CallExpr) bool {
	t := c.pass.TypesInfo.TypeOf(call.Fun)
	if t == nil {
		return false
	}
	sig, _ := t.Underlying().(*types.Signature)
	return sig != nil && catalog.IsLogSinkNamed(sig, analysisutil.FuncValueNames(c.pass.TypesInfo, cur, call.Fun)...)
}

// neverWaits reports whether the blocking facts show that fn does no I/O
// and never blocks or waits, even for a context: a function of this
// package, whose context parameters reach no dynamic call either, or one
// of another package whose exported fact says so. Anything else may wait.
func (c *checker) neverWaits(fn *types.Func, call *ast.CallExpr) bool {
	if fn == nil || fn.Pkg() == nil || isInterfaceMethod(fn) {
		return false
	}
	if catalog.IsLocalSetup(fn) {
		return true
	}
	f := c.blocking.FactOf(fn)
	if f == nil {
		// fs.GetConfig(ctx), which reads a value from it; not git.OpenRepository(ctx, …),
		// whose Repository keeps ctx for the commands it runs later.
		return c.blocking.DoesNothing(fn) && !resultHoldsContext(fn.Signature())
	}
	if f.MayWait() {
		return false
	}
	if fn.Pkg() != c.pass.Pkg {
		return f.CallsParams == 0 // an exported fact, of locks only; one that calls a function it is given does what that does
	}
	decl := c.decls[fn.Origin()]
	return decl != nil && !c.passesContextOn(decl)
}

// passesContextOn reports whether a function hands a context parameter
// to a call the blocking facts cannot see into: an interface method, a
// function value, or a function of another package without facts.
func (c *checker) passesContextOn(decl *ast.FuncDecl) bool {
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		fn := analysisutil.Callee(info, call)
		if fn != nil && fn.Pkg() != nil && (fn.Pkg() == c.pass.Pkg && !isInterfaceMethod(fn) || fn.Pkg().Path() == "context") {
			return true
		}
		for _, arg := range call.Args {
			if v, ok := info.Uses[identOf(arg)].(*types.Var); ok && isParam(decl, info, v) && analysisutil.IsContext(v.Type()) {
				if fn == nil || isInterfaceMethod(fn) || c.blocking.FactOf(fn) == nil && !catalog.IsLocalSetup(fn) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// isParam reports whether v is a parameter of decl.
func isParam(decl *ast.FuncDecl, info *types.Info, v *types.Var) bool {
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if info.Defs[name] == v {
				return true
			}
		}
	}
	return false
}

func isInterfaceMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

// instantVariant reports whether a non-context function of a module
// outside the standard library and its context variant both never wait,
// by the blocking facts: a /proc read or a statfs behind
// MemoryInfo/MemoryInfoWithContext, whose context cannot cancel anything.
// Only the generic pairs are judged; the catalogued ones are known to wait.
func (c *checker) instantVariant(fn *types.Func, v catalog.Variant) bool {
	if v.Sibling == nil || fn.Pkg() == nil || analysisutil.IsStdPath(fn.Pkg().Path()) {
		return false
	}
	for _, f := range []*types.Func{fn, v.Sibling} {
		if c.blocking.FactOf(f).MayWait() {
			return false
		}
	}
	return true
}

// resultHoldsContext reports whether a result of sig may keep the context
// it was given for work it does later (see holdsContext).
func resultHoldsContext(sig *types.Signature) bool {
	for r := range sig.Results().Variables() {
		if holdsContext(r.Type()) {
			return true
		}
	}
	return false
}
