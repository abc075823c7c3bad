package blocking

import (
	"go/ast"
	"go/types"

	"github.com/conclint/conclint/internal/locks"
)

// LockCall recognizes a lock operation whose mutex is named by a path: a
// sync method, or a call of a lock wrapper of this package or of one whose
// fact says it is one (see Fact.Op).
func (in *Info) LockCall(call *ast.CallExpr) (locks.Op, bool) {
	return locks.Call(in.pass.Fset, in.pass.TypesInfo, call, in.wrapper)
}

// wrapper returns the lock operation fn wraps, or nil.
func (in *Info) wrapper(fn *types.Func) *locks.WrappedOp {
	if w := in.wrapped[fn.Origin()]; w != nil {
		return w
	}
	if f := in.FactOf(fn); f != nil {
		return f.Op
	}
	return nil
}
