package blocking

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// drainedParam reports whether ch names a channel parameter of an
// unexported function whose every caller passes a channel of its own that
// it drains whatever happens: a range over it in a deferred function, or
// in a goroutine it starts that reads to the end. A send there waits only
// while the caller works, never after it has gone:
//
//	unmerged := make(chan *file)
//	go unmergedFiles(ctx, unmerged)
//	defer func() {
//		cancel()
//		for range unmerged {
//		}
//	}()
func (in *Info) drainedParam(ch ast.Expr) bool {
	id, ok := ast.Unparen(ch).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := in.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() {
		return false
	}
	return in.drained[v]
}

type paramSlot struct {
	fn    *types.Func
	index int
}

// findDrained returns the channel parameters that drainedParam accepts.
func (in *Info) findDrained() map[*types.Var]bool {
	info := in.pass.TypesInfo
	params := make(map[*types.Var]paramSlot)
	for _, f := range in.pass.Files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || fd.Body == nil || fd.Name.IsExported() {
				continue // a method may be called through an interface, an exported function from anywhere
			}
			fn, _ := info.Defs[fd.Name].(*types.Func)
			if fn == nil || fn.Signature().Variadic() {
				continue
			}
			for i := range fn.Signature().Params().Len() {
				p := fn.Signature().Params().At(i)
				if _, isChan := p.Type().Underlying().(*types.Chan); isChan {
					params[p] = paramSlot{fn, i}
				}
			}
		}
	}
	drained := make(map[*types.Var]bool)
	if len(params) == 0 {
		return drained
	}
	funcs := make(map[*types.Func]bool)
	for _, slot := range params {
		funcs[slot.fn] = true
	}
	uses := make(map[*ast.Ident]*types.Func) // one pass over info.Uses (see findChanUses)
	for id, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok && funcs[fn] {
			uses[id] = fn
		}
	}
	calls := make(map[*types.Func][]inspector.Cursor)
	escaped := make(map[*types.Func]bool) // used other than by a direct call
	insp := in.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range insp.Root().Preorder((*ast.Ident)(nil)) {
		fn, ok := uses[cur.Node().(*ast.Ident)]
		if !ok {
			continue
		}
		if cur.ParentEdgeKind() == edge.CallExpr_Fun {
			calls[fn] = append(calls[fn], cur.Parent())
		} else {
			escaped[fn] = true
		}
	}
	for p, slot := range params {
		if escaped[slot.fn] || len(calls[slot.fn]) == 0 {
			continue
		}
		all := true
		for _, call := range calls[slot.fn] {
			all = all && in.drainsArg(call, slot.index)
		}
		drained[p] = all
	}
	return drained
}

// drainsArg reports whether the call's argument at index is a local
// channel variable that the function declaring it drains on every exit.
func (in *Info) drainsArg(call inspector.Cursor, index int) bool {
	args := call.Node().(*ast.CallExpr).Args
	if index >= len(args) {
		return false
	}
	id, ok := ast.Unparen(args[index]).(*ast.Ident)
	if !ok {
		return false
	}
	w, ok := in.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || w.IsField() || w.Parent() == in.pass.Pkg.Scope() {
		return false
	}
	for fcur := range call.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body := analysisutil.FuncBody(fcur.Node())
		if body == nil || w.Pos() < fcur.Node().Pos() || w.Pos() >= fcur.Node().End() {
			continue
		}
		if w.Pos() < body.Pos() {
			return false // a parameter of the caller: its own callers' channel
		}
		return in.drainsAlways(body, w)
	}
	return false
}

// drainsAlways reports whether a statement of body (not a nested one,
// which might not run) defers, or starts as a goroutine, a function
// literal whose own body ranges over w to the end.
func (in *Info) drainsAlways(body *ast.BlockStmt, w *types.Var) bool {
	for _, stmt := range body.List {
		var call *ast.CallExpr
		switch s := stmt.(type) {
		case *ast.DeferStmt:
			call = s.Call
		case *ast.GoStmt:
			call = s.Call
		default:
			continue
		}
		lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit)
		if !ok {
			continue
		}
		for _, inner := range lit.Body.List {
			if r, ok := inner.(*ast.RangeStmt); ok && in.isVar(r.X, w) && !exits(in.pass.TypesInfo, r.Body, false) {
				return true
			}
		}
	}
	return false
}

// exits reports whether a loop body may end its loop early: a return,
// break or goto anywhere in it (also in nested statements, to stay simple;
// not in nested function literals), or, when panics is set, a call of
// panic.
func exits(info *types.Info, body *ast.BlockStmt, panics bool) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		case *ast.BranchStmt:
			found = found || n.Tok == token.BREAK || n.Tok == token.GOTO
		case *ast.CallExpr:
			found = found || panics && analysisutil.IsBuiltin(info, n, "panic")
		}
		return !found
	})
	return found
}
