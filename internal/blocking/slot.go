package blocking

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/locks"
)

// Slot names a mutex, WaitGroup, channel or other value across the
// functions of a package: by the receiver's named type and field path
// when its key hangs off a method's receiver (c.mu in every method of
// *Cache, closures in them included), else by its locks.Key (a local
// variable that closures capture, or a package-level one). Two methods
// of one type are taken to work on one value.
type Slot struct {
	recvType types.Type
	path     string
	key      locks.Key // when recvType is nil
}

// SlotOf returns the slot of key as seen from the function at fcur.
func (in *Info) SlotOf(key locks.Key, fcur inspector.Cursor) Slot {
	if recv := in.ReceiverOf(fcur); recv != nil && key.Root() == recv {
		t := recv.Type()
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		return Slot{recvType: t, path: key.Path()}
	}
	return Slot{key: key}
}

// Same reports whether two slots name the same value.
func (a Slot) Same(b Slot) bool {
	if a.recvType != nil || b.recvType != nil {
		return a.recvType != nil && b.recvType != nil && types.Identical(a.recvType, b.recvType) && a.path == b.path
	}
	return a.key == b.key
}

// ReceiverOf returns the receiver of the method declaration enclosing
// fcur (closures share it), or nil.
func (in *Info) ReceiverOf(fcur inspector.Cursor) *types.Var {
	for c := range fcur.Enclosing((*ast.FuncDecl)(nil)) {
		if fn, ok := in.pass.TypesInfo.Defs[c.Node().(*ast.FuncDecl).Name].(*types.Func); ok {
			return fn.Signature().Recv()
		}
	}
	return nil
}
