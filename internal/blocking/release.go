package blocking

import (
	"go/ast"
	"go/token"
	"strings"

	"github.com/conclint/conclint/internal/locks"
)

// ReleasedOnDone reports whether the call at s is a method call on a value
// that the package shuts down once a context is done: some function
// receives from a Done() channel and then, or in a defer, calls a
// Close, Shutdown, Stop or Cancel method on the same field of a value of
// the same type. A work queue's Get, which returns when the queue shuts
// down, then waits no longer than the context:
//
//	func (e *Endpoints) Run(ctx context.Context) {
//		defer e.queue.ShutDown()
//		go func() { for e.process(ctx) {} }() // e.queue.Get() inside
//		<-ctx.Done()
//	}
func (in *Info) ReleasedOnDone(s Site) bool {
	call, ok := s.Cursor.Node().(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	key, ok := locks.KeyOf(in.pass.TypesInfo, sel.X)
	if !ok {
		return false
	}
	fcur := s.Cursor
	for c := range s.Cursor.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fcur = c
		break
	}
	slot := in.SlotOf(key, fcur)
	for _, sd := range in.shutDown {
		if sd.Same(slot) {
			return true
		}
	}
	return false
}

// findShutDown returns the slots that some function shuts down after a
// Done() receive (see ReleasedOnDone).
func (in *Info) findShutDown() []Slot {
	out := []Slot{}
	for fcur := range in.inspector().Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		afterDone := token.NoPos // the first receive from a Done() channel
		for cur := range fcur.Preorder((*ast.UnaryExpr)(nil)) {
			u := cur.Node().(*ast.UnaryExpr)
			if u.Op == token.ARROW && originOf(in.pass.TypesInfo, u.X) == done {
				afterDone = u.Pos()
				break
			}
		}
		if afterDone == token.NoPos {
			continue
		}
		for cur := range fcur.Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok || !isShutdown(sel.Sel.Name) {
				continue
			}
			_, deferred := cur.Parent().Node().(*ast.DeferStmt)
			if !deferred && call.Pos() < afterDone {
				continue
			}
			if key, ok := locks.KeyOf(in.pass.TypesInfo, sel.X); ok {
				out = append(out, in.SlotOf(key, fcur))
			}
		}
	}
	return out
}

func isShutdown(method string) bool {
	m := strings.ToLower(method)
	for _, verb := range []string{"close", "shutdown", "stop", "cancel"} {
		if strings.HasPrefix(m, verb) {
			return true
		}
	}
	return false
}
