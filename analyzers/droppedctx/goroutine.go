package droppedctx

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
	"github.com/conclint/conclint/internal/scope"
)

// checkGoroutine applies rule d: a goroutine started by a request handler
// uses the request's context, and the handler does not wait for it. The
// context is canceled when the handler returns, so the work dies half-done.
func (c *checker) checkGoroutine(cur inspector.Cursor, stmt *ast.GoStmt) {
	fcur, ok := c.scope.Request(cur)
	if !ok || fcur != analysisutil.EnclosingFunc(cur) {
		return // not started by the handler itself
	}
	fn := c.scope.Func(fcur.Node())
	src, use := c.requestContextUse(cur, fn)
	if use == nil || c.waitsAfter(fcur, cur) || c.endsOnDone(fcur, cur, src) {
		return
	}
	advice := c.detachHint(stmt.Pos(), "pass context.WithoutCancel("+src.Expr+") or ")
	c.reporter.Report(analysisDiagnostic(stmt, use,
		"goroutine uses the request context "+src.Expr+", which is canceled when the handler returns, and the handler does not wait for it; "+advice+"wait before returning"))
}

// requestContextUse returns the first use, inside the go statement at cur,
// of one of the handler's non-detached context sources as a context. Uses
// that only watch the context (ctx.Done(), ctx.Err()) or detach it
// (context.WithoutCancel) do not count.
func (c *checker) requestContextUse(cur inspector.Cursor, fn *scope.Func) (scope.Source, ast.Node) {
	info := c.pass.TypesInfo
	for id := range cur.Preorder((*ast.Ident)(nil)) {
		src, ok := c.scope.Source(info.Uses[id.Node().(*ast.Ident)])
		if !ok || src.Detached || !ownSource(fn, src) {
			continue
		}
		use := contextExpr(id, src)
		if !use.Valid() || c.onlyWatches(use) {
			continue
		}
		return src, use.Node()
	}
	return scope.Source{}, nil
}

func ownSource(fn *scope.Func, src scope.Source) bool {
	for _, s := range fn.Sources {
		if s.Var == src.Var {
			return true
		}
	}
	return false
}

// contextExpr returns the expression that yields the context from a use
// of a source: the identifier itself for a context, the enclosing
// X.Context() call for a carrier. It returns a zero cursor when a carrier
// is used for something else (r.URL).
func contextExpr(id inspector.Cursor, src scope.Source) inspector.Cursor {
	if src.Expr == src.Var.Name() {
		return id
	}
	for c := id.Parent(); c.Node() != nil; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.SelectorExpr:
			continue
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Context" {
				return c
			}
			if _, ok := n.Fun.(*ast.SelectorExpr); ok {
				continue // c.Request().Context()
			}
		}
		break
	}
	return inspector.Cursor{}
}

// onlyWatches reports whether a context expression is only watched or
// detached: ctx.Done(), ctx.Err(), context.WithoutCancel(ctx), or passed
// to a function of this package (or literal) that only watches its
// parameter (go s.watch(ctx), where watch selects on ctx.Done() to stop)
// or wraps it in a context type with its own Done (see detaches).
func (c *checker) onlyWatches(use inspector.Cursor) bool {
	switch p := use.Parent().Node().(type) {
	case *ast.SelectorExpr:
		return p.Sel.Name == "Done" || p.Sel.Name == "Err"
	case *ast.CallExpr:
		callee := analysisutil.Callee(c.pass.TypesInfo, p)
		if analysisutil.IsFunc(callee, "context", "WithoutCancel", "Cause") || catalog.RunsUntilDone(callee) {
			return true // detached, why it was canceled (a watch like ctx.Err()), or a loop it stops
		}
		i := slices.Index(p.Args, use.Node().(ast.Expr))
		param, body := c.paramOf(p, i)
		return param != nil && (c.onlyWatched(param, body) || c.detaches(param, body))
	}
	return false
}

// detaches reports whether a function only wraps its context parameter in
// a value of a type with its own Done method: a hand-written
// context.WithoutCancel, which ends when its own channel closes.
func (c *checker) detaches(param *types.Var, body *ast.BlockStmt) bool {
	wrapped, other := 0, 0
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			if ownDone(c.pass.TypesInfo.TypeOf(n)) {
				ast.Inspect(n, func(m ast.Node) bool {
					if id, ok := m.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == param {
						wrapped++
					}
					return true
				})
				return false
			}
		case *ast.Ident:
			if c.pass.TypesInfo.Uses[n] == param {
				other++
			}
		}
		return true
	})
	return wrapped > 0 && other == 0
}

// ownDone reports whether t, or what it points to, declares a Done method
// itself rather than promoting one from an embedded context.
func ownDone(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj, index, _ := types.LookupFieldOrMethod(named, true, named.Obj().Pkg(), "Done")
	_, isFunc := obj.(*types.Func)
	return isFunc && len(index) == 1
}

// paramOf returns the i-th parameter of the function a call calls, with
// the body that uses it, when the function is a literal or declared here.
func (c *checker) paramOf(call *ast.CallExpr, i int) (*types.Var, *ast.BlockStmt) {
	var ftype *ast.FuncType
	var body *ast.BlockStmt
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		ftype, body = lit.Type, lit.Body
	} else if fn := analysisutil.Callee(c.pass.TypesInfo, call); fn != nil {
		if decl := c.decls[fn.Origin()]; decl != nil {
			ftype, body = decl.Type, decl.Body
		}
	}
	if ftype == nil || i < 0 || body == nil {
		return nil, nil
	}
	for _, field := range ftype.Params.List {
		for _, name := range field.Names {
			if i == 0 {
				v, _ := c.pass.TypesInfo.Defs[name].(*types.Var)
				return v, body
			}
			i--
		}
		if len(field.Names) == 0 {
			i--
		}
	}
	return nil, nil
}

// onlyWatched reports whether every use of the context v in body is
// v.Done() or v.Err(), and there is at least one.
func (c *checker) onlyWatched(v *types.Var, body *ast.BlockStmt) bool {
	uses := 0
	watched := true
	ast.Inspect(body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v && (sel.Sel.Name == "Done" || sel.Sel.Name == "Err") {
				uses++
				return false
			}
		}
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			watched = false
		}
		return watched
	})
	return watched && uses > 0
}

// waitsAfter reports whether the handler, after the go statement, waits:
// a Wait method call (sync.WaitGroup, errgroup.Group, or any other), or a
// receive from a channel that the goroutine sends on or closes.
func (c *checker) waitsAfter(fcur, gocur inspector.Cursor) bool {
	info := c.pass.TypesInfo
	chans := c.channelsSignalled(gocur)
	after := gocur.Node().End()
	for n := range fcur.Preorder((*ast.CallExpr)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil)) {
		if n.Node().Pos() < after {
			continue
		}
		switch n := n.Node().(type) {
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Wait" {
				return true
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && chans[analysisutil.ObjectOf(info, n.X)] {
				return true
			}
		case *ast.RangeStmt:
			if chans[analysisutil.ObjectOf(info, n.X)] {
				return true
			}
		}
	}
	return false
}

// endsOnDone reports whether the handler at fcur ends by waiting for src's
// context to be done (`<-ctx.Done()`, a statement of its body after the go
// statement at gocur): the context is then the goroutine's stop signal by
// design, not cut short by the handler's return, and detaching it would
// leak the goroutine.
func (c *checker) endsOnDone(fcur, gocur inspector.Cursor, src scope.Source) bool {
	body := analysisutil.FuncBody(fcur.Node())
	if body == nil {
		return false
	}
	for _, stmt := range body.List {
		if stmt.Pos() < gocur.Node().End() {
			continue
		}
		es, ok := stmt.(*ast.ExprStmt)
		if !ok {
			continue
		}
		recv, ok := ast.Unparen(es.X).(*ast.UnaryExpr)
		if !ok || recv.Op != token.ARROW {
			continue
		}
		call, ok := ast.Unparen(recv.X).(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			continue
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Done" {
			continue
		}
		if ecur, ok := fcur.FindNode(sel.X); ok && c.isSourceContext(ecur, src) {
			return true
		}
	}
	return false
}

// isSourceContext reports whether the expression at ecur yields src's
// context: src's variable, or its carrier's X.Context() call.
func (c *checker) isSourceContext(ecur inspector.Cursor, src scope.Source) bool {
	for id := range ecur.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)] != src.Var {
			continue
		}
		use := contextExpr(id, src)
		return use.Valid() && use.Node() == ecur.Node()
	}
	return false
}

// channelsSignalled returns the channels that the go statement sends on or
// closes, including channels passed to it as arguments.
func (c *checker) channelsSignalled(gocur inspector.Cursor) map[types.Object]bool {
	info := c.pass.TypesInfo
	chans := make(map[types.Object]bool)
	for n := range gocur.Preorder((*ast.SendStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := n.Node().(type) {
		case *ast.SendStmt:
			chans[analysisutil.ObjectOf(info, n.Chan)] = true
		case *ast.CallExpr:
			if analysisutil.IsBuiltin(info, n, "close") && len(n.Args) == 1 {
				chans[analysisutil.ObjectOf(info, n.Args[0])] = true
			}
		}
	}
	for _, arg := range gocur.Node().(*ast.GoStmt).Call.Args {
		if t := info.TypeOf(arg); t != nil {
			if _, ok := t.Underlying().(*types.Chan); ok {
				chans[analysisutil.ObjectOf(info, arg)] = true
			}
		}
	}
	delete(chans, nil)
	return chans
}
