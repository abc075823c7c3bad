package scope

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// RunsApart reports whether the code at cur runs apart from the lifetime of
// the context src: inside a go or defer statement, a time.AfterFunc
// callback, or a function literal that is returned or stored (a release
// func called later), any of which sits within the context's function.
// Dropping the context there is deliberate.
func (in *Info) RunsApart(cur inspector.Cursor, src Source) bool {
	return in.runsApart(cur, src, false)
}

// RunsApartUnjoined is RunsApart, except that a goroutine its starter
// joins with a sync.WaitGroup (wg.Done in it, wg.Wait after it) does not
// run apart: the starter, and so the context's owner, waits for its work.
func (in *Info) RunsApartUnjoined(cur inspector.Cursor, src Source) bool {
	return in.runsApart(cur, src, true)
}

func (in *Info) runsApart(cur inspector.Cursor, src Source, joins bool) bool {
	declPos := src.Var.Pos()
	for c := cur.Parent(); ; c = c.Parent() {
		n := c.Node()
		if _, isFile := n.(*ast.File); isFile || n == nil || n.Pos() < declPos {
			return false
		}
		switch n := n.(type) {
		case *ast.GoStmt:
			if !joins || !in.joined(c) {
				return true
			}
		case *ast.DeferStmt:
			return true
		case *ast.CallExpr:
			if analysisutil.IsFunc(analysisutil.Callee(in.info, n), "time", "AfterFunc") {
				return true
			}
		case *ast.FuncLit:
			switch c.Parent().Node().(type) {
			case *ast.ReturnStmt, *ast.CompositeLit, *ast.KeyValueExpr:
				return true
			case *ast.AssignStmt:
				if in.onlyStarted(c) {
					return true
				}
			}
		}
	}
}

// onlyStarted reports whether the function literal at lit is assigned to
// a local variable (execute := func(…) {…}) that is only ever called in go
// statements (go execute(t)): its body runs as those goroutines do.
func (in *Info) onlyStarted(lit inspector.Cursor) bool {
	v := analysisutil.BoundVar(in.info, lit)
	if v == nil {
		return false
	}
	calls := 0
	for use := range analysisutil.EnclosingFunc(lit.Parent()).Preorder((*ast.Ident)(nil)) {
		if in.info.Uses[use.Node().(*ast.Ident)] != v {
			continue
		}
		call, ok := use.Parent().Node().(*ast.CallExpr)
		if !ok || call.Fun != use.Node() {
			return false // handed on: callers unknown
		}
		if _, ok := use.Parent().Parent().Node().(*ast.GoStmt); !ok || in.joined(use.Parent().Parent()) {
			return false
		}
		calls++
	}
	return calls > 0
}

// joined reports whether the go statement at gocur calls Done on a
// sync.WaitGroup that its enclosing function waits on after it.
func (in *Info) joined(gocur inspector.Cursor) bool {
	groups := make(map[types.Object]bool)
	for call := range gocur.Preorder((*ast.CallExpr)(nil)) {
		if obj, ok := in.waitGroupCall(call.Node().(*ast.CallExpr), "Done"); ok {
			groups[obj] = true
		}
	}
	if len(groups) == 0 {
		return false
	}
	after := gocur.Node().End()
	for call := range analysisutil.EnclosingFunc(gocur).Preorder((*ast.CallExpr)(nil)) {
		if call.Node().Pos() < after {
			continue
		}
		if obj, ok := in.waitGroupCall(call.Node().(*ast.CallExpr), "Wait"); ok && groups[obj] {
			return true
		}
	}
	return false
}

// waitGroupCall returns the variable or field wg of a call wg.method() on
// a sync.WaitGroup.
func (in *Info) waitGroupCall(call *ast.CallExpr, method string) (types.Object, bool) {
	fn := analysisutil.Callee(in.info, call)
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || fn == nil || fn.Name() != method || analysisutil.RecvTypeName(fn) != "WaitGroup" || fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
		return nil, false
	}
	var obj types.Object
	switch x := ast.Unparen(sel.X).(type) {
	case *ast.Ident:
		obj = in.info.Uses[x]
	case *ast.SelectorExpr:
		obj = in.info.Uses[x.Sel]
	}
	return obj, obj != nil
}

// DetachedAfter reports whether the function around cur goes on, after
// cur, with a context detached from its own (one derived through
// context.WithoutCancel, such as a cleanup's or a shutdown's fresh
// deadline): the code there is meant to run past cancellation, so a wait
// before that work is part of it (a drain delay before Shutdown, a back-off
// between cleanup attempts).
func (in *Info) DetachedAfter(cur inspector.Cursor) bool {
	fcur := analysisutil.EnclosingFunc(cur)
	fn := in.funcs[fcur.Node()]
	if fn == nil {
		return false
	}
	detached := make(map[types.Object]bool)
	for _, src := range fn.Sources {
		if src.Detached {
			detached[src.Var] = true
		}
	}
	if len(detached) == 0 {
		return false
	}
	after := cur.Node().End()
	for id := range fcur.Preorder((*ast.Ident)(nil)) {
		if id.Node().Pos() >= after && detached[in.info.Uses[id.Node().(*ast.Ident)]] {
			return true
		}
	}
	return false
}
