package notimeout

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/flow"
	"github.com/conclint/conclint/internal/netaddr"
)

// checkClient applies rule c to an http.Client built by lit (or new): kept
// in a package variable or struct field, without Timeout, and sending a
// request without a deadline.
func (c *checker) checkClient(n ast.Expr, lit *ast.CompositeLit) {
	if lit != nil {
		keys := literalKeys(lit)
		if _, ok := keys["Timeout"]; ok || c.offline(keys["Transport"]) {
			return
		}
	}
	g := c.holders.of(c.groups, n)
	if g.escapes || g.sets["Timeout"] || g.stored == "" {
		return
	}
	c.reportSends(n, g, "http.Client in "+g.stored, "set")
}

// offline reports whether transport is a value of a type of this package
// whose RoundTrip does no network I/O, itself or through its callees: a
// stand-in that fails every request, or serves them from memory. Its
// client cannot hang on a peer.
func (c *checker) offline(transport ast.Expr) bool {
	if transport == nil {
		return false
	}
	t := c.pass.TypesInfo.TypeOf(transport)
	if t == nil || types.IsInterface(t) {
		return false
	}
	if _, adapter := t.Underlying().(*types.Signature); adapter {
		return false // roundTripperFunc(func(…) {…}): the wrapped function decides
	}
	rt := analysisutil.Method(t, "RoundTrip")
	if rt == nil || rt.Pkg() != c.pass.Pkg || analysisutil.IsStd(c.pass) { // std has no blocking facts
		return false
	}
	f := c.blocking.FactOf(rt)
	return f == nil || f.IO == nil
}

// checkDefaultClient applies rule c to a use of http.DefaultClient.
func (c *checker) checkDefaultClient(sel *ast.SelectorExpr) {
	g := c.holders.of(c.groups, sel)
	if g.escapes || g.sets["Timeout"] || c.defaultClientTimeout() {
		return
	}
	c.reportSends(sel, g, "http.DefaultClient", "use an http.Client with a")
}

// reportSends reports at n the first send through g that nothing bounds,
// or, failing that and with -notimeout.requestbound, the first one only
// the served request's context bounds (a lesser risk: its client may give
// up). The advice fits the use: a response body handed on needs transport
// timeouts, since a whole-request Timeout would cut off long downloads.
func (c *checker) reportSends(n ast.Node, g *group, subject, set string) {
	c.requestBounds = true
	sends := c.undeadlined(g)
	c.requestBounds = false
	bound := "without a deadline"
	if len(sends) == 0 && c.opts.RequestBound {
		sends = c.undeadlined(g)
		bound = "with only the served request's context"
	}
	if len(sends) == 0 {
		return
	}
	until := "forever"
	lasts := "as long as the peer does"
	if bound != "without a deadline" {
		until = "until the request's client gives up"
		lasts = "as long as the peer does, unless its client gives up"
	}
	if send, ok := c.streamed(sends); ok {
		transport := "set the Transport's"
		if set != "set" {
			transport = "use an http.Client whose Transport sets"
		}
		c.reporter.Reportf(ruleClient, n, "%s has no %s and %s hands on a response body %s, so a peer that stops answering hangs it %s; %s ResponseHeaderTimeout and dial and TLS handshake timeouts (a whole-request Timeout would cut off long downloads)",
			subject, timeoutWord(set), c.describe(send), bound, until, transport)
		return
	}
	send, _ := c.first(sends)
	c.reporter.Reportf(ruleClient, n, "%s has no Timeout and %s sends %s, so the request hangs %s; %s Timeout, or send with a context from context.WithTimeout",
		subject, c.describe(send), bound, lasts, set)
}

// timeoutWord names what a client lacks: an http.Client we can point at
// lacks Timeout, http.DefaultClient lacks all timeouts.
func timeoutWord(set string) string {
	if set == "set" {
		return "Timeout"
	}
	return "timeouts"
}

// defaultClientTimeout reports whether the package sets
// http.DefaultClient.Timeout somewhere.
func (c *checker) defaultClientTimeout() bool {
	for k, fields := range c.holders.sets {
		if sel, ok := k.(*ast.SelectorExpr); ok && fields["Timeout"] && isDefaultClient(c.pass.TypesInfo, sel) {
			return true
		}
	}
	return false
}

func (c *checker) describe(send inspector.Cursor) string {
	call := send.Node().(*ast.CallExpr)
	name := "the call"
	if fn := analysisutil.Callee(c.pass.TypesInfo, call); fn != nil {
		name = fn.Name()
	}
	return name + " at " + analysisutil.Position(c.pass.Fset, call.Pos())
}

// undeadlined returns the requests sent through g without a deadline,
// to another machine.
func (c *checker) undeadlined(g *group) []inspector.Cursor {
	var sends []inspector.Cursor
	for _, send := range g.sends {
		if !c.hasDeadline(send) && !c.toLoopback(send) {
			sends = append(sends, send)
		}
	}
	return sends
}

// first returns the first of sends by file name and offset: token.Pos
// order follows the order in which a driver happened to parse the files,
// which differs between drivers.
func (c *checker) first(sends []inspector.Cursor) (inspector.Cursor, bool) {
	var first inspector.Cursor
	found := false
	for _, send := range sends {
		if !found || c.before(send.Node().Pos(), first.Node().Pos()) {
			first, found = send, true
		}
	}
	return first, found
}

// before reports whether p comes before q in file-name order.
func (c *checker) before(p, q token.Pos) bool {
	pp, qp := c.pass.Fset.Position(p), c.pass.Fset.Position(q)
	if pp.Filename != qp.Filename {
		return pp.Filename < qp.Filename
	}
	return pp.Offset < qp.Offset
}

// toLoopback reports whether the request sent at send goes to a URL on
// the loopback interface (netaddr.LoopbackURL): a process on the same
// machine, such as the program's own admin port, which its user can
// interrupt.
func (c *checker) toLoopback(send inspector.Cursor) bool {
	info := c.pass.TypesInfo
	call := send.Node().(*ast.CallExpr)
	fn := analysisutil.Callee(info, call)
	if fn == nil || len(call.Args) == 0 {
		return false
	}
	url := call.Args[0] // Get, Head, Post, PostForm
	if fn.Name() == "Do" {
		req := call.Args[0]
		if v, ok := analysisutil.IdentObject(info, req).(*types.Var); ok {
			values, all := flow.AssignedValues(info, declaring(analysisutil.EnclosingFunc(send), v), v)
			if !all || len(values) != 1 {
				return false
			}
			req = values[0]
		}
		req, _ = flow.Unwrap(info, req)
		built, ok := ast.Unparen(req).(*ast.CallExpr)
		if !ok {
			return false
		}
		switch newReq := analysisutil.Callee(info, built); {
		case analysisutil.IsFunc(newReq, "net/http", "NewRequest") && len(built.Args) == 3:
			url = built.Args[1]
		case analysisutil.IsFunc(newReq, "net/http", "NewRequestWithContext") && len(built.Args) == 4:
			url = built.Args[2]
		default:
			return false
		}
	}
	return netaddr.LoopbackURL(info, send, url)
}

// hasDeadline reports whether the request sent at send carries a context
// that its sending function derives with context.WithTimeout or
// WithDeadline. Only Do takes a request that can carry one.
func (c *checker) hasDeadline(send inspector.Cursor) bool {
	call := send.Node().(*ast.CallExpr)
	fn := analysisutil.Callee(c.pass.TypesInfo, call)
	if fn == nil || fn.Name() != "Do" || len(call.Args) != 1 {
		return false
	}
	for fcur := range send.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c.requestHasDeadline(call.Args[0], fcur, callerDepth)
	}
	return false
}

// requestHasDeadline reports whether req, in the function at fcur, is
// built on a deadline context (deadlineContext), or is a request
// parameter whose callers choose or give one (paramBounded: a library's
// pass-through Do(req)).
func (c *checker) requestHasDeadline(req ast.Expr, fcur inspector.Cursor, depth int) bool {
	info := c.pass.TypesInfo
	// carries reports whether call builds a request on a deadline context.
	carries := func(e ast.Expr) bool {
		e, _ = flow.Unwrap(info, e) // must.NotFail(http.NewRequestWithContext(ctx, …))
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return false
		}
		fn := analysisutil.Callee(info, call)
		if !analysisutil.IsFunc(fn, "net/http", "NewRequestWithContext") && !analysisutil.IsMethod(fn, "net/http", "Request", "WithContext", "Clone") {
			return false
		}
		return c.deadlineContext(call.Args[0], fcur, depth)
	}
	if carries(req) {
		return true
	}
	v, ok := analysisutil.IdentObject(info, req).(*types.Var)
	if !ok {
		return false
	}
	decl := declaring(fcur, v)
	values, all := flow.AssignedValues(info, decl, v)
	for _, value := range values {
		if carries(value) {
			return true
		}
	}
	return len(values) == 0 && all && isRequest(v.Type()) && c.paramBounded(decl, v, depth)
}

// isRequest reports whether t is *http.Request.
func isRequest(t types.Type) bool { return analysisutil.IsPointerTo(t, "net/http", "Request") }

// identOf returns e as an identifier, or nil.
func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}
