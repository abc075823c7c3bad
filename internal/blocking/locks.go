package blocking

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/analysisutil"
)

// LockKey identifies a mutex by the variable it hangs off and the field
// path from there. Two keys are equal only when the source names the same
// variable and fields; aliases are different keys, which keeps the rules
// silent rather than wrong.
type LockKey struct {
	root types.Object // the variable; nil for a package-level one
	path string       // ".mu", ".state.mu", or "" for the variable itself; "pkg/path.name.mu" when root is nil
}

// Lock is a mutex as a rule names it.
type Lock struct {
	Key  LockKey
	Name string // as written: "c.mu", "mu"
}

// LockOp is a call of Lock, RLock, Unlock or RUnlock on a sync.Mutex or
// sync.RWMutex (TryLock is not one: it does not wait).
type LockOp struct {
	Lock    Lock
	Acquire bool // Lock or RLock
	Write   bool // Lock or Unlock
}

// LockCall recognizes a lock operation whose mutex is named by a path: a
// sync method, or a call of a lock wrapper (see Fact.Op).
func (in *Info) LockCall(call *ast.CallExpr) (LockOp, bool) {
	if op, ok := in.syncLockCall(call); ok {
		return op, true
	}
	fn := analysisutil.Callee(in.pass.TypesInfo, call)
	if fn == nil {
		return LockOp{}, false
	}
	w := in.wrapped[fn.Origin()]
	if w == nil {
		if f := in.FactOf(fn); f != nil {
			w = f.Op
		}
	}
	if w == nil {
		return LockOp{}, false
	}
	sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if sel == nil && !w.Use.Global {
		return LockOp{}, false
	}
	key, ok := in.Rebase(w.Use, sel)
	if !ok {
		return LockOp{}, false
	}
	name := w.Use.Path
	if !w.Use.Global {
		name = in.expr(sel.X) + w.Use.Path
	}
	return LockOp{Lock: Lock{Key: key, Name: name}, Acquire: w.Acquire, Write: w.Use.Write}, true
}

// syncLockCall recognizes a call of a sync.Mutex or RWMutex method.
func (in *Info) syncLockCall(call *ast.CallExpr) (LockOp, bool) {
	fn := analysisutil.Callee(in.pass.TypesInfo, call)
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if fn == nil || !ok {
		return LockOp{}, false
	}
	var op LockOp
	switch {
	case analysisutil.IsMethod(fn, "sync", "Mutex", "Lock"), analysisutil.IsMethod(fn, "sync", "RWMutex", "Lock"):
		op.Acquire, op.Write = true, true
	case analysisutil.IsMethod(fn, "sync", "RWMutex", "RLock"):
		op.Acquire = true
	case analysisutil.IsMethod(fn, "sync", "Mutex", "Unlock"), analysisutil.IsMethod(fn, "sync", "RWMutex", "Unlock"):
		op.Write = true
	case analysisutil.IsMethod(fn, "sync", "RWMutex", "RUnlock"):
	default:
		return LockOp{}, false
	}
	key, ok := in.receiverKey(sel)
	if !ok {
		return LockOp{}, false
	}
	op.Lock = Lock{Key: key, Name: in.expr(sel.X)}
	return op, true
}

// receiverKey returns the key of the receiver of a method call x.M,
// including fields that x.M reaches implicitly through embedding.
func (in *Info) receiverKey(sel *ast.SelectorExpr) (LockKey, bool) {
	s, ok := in.pass.TypesInfo.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return LockKey{}, false
	}
	key, ok := in.KeyOf(sel.X)
	if !ok {
		return LockKey{}, false
	}
	key.path += embeddedPath(s.Recv(), s.Index())
	return key, true
}

// KeyOf returns the key of a variable-and-fields expression: mu, c.mu,
// s.state.mu, pkg.mu. Anything else (calls, index expressions) has none.
func (in *Info) KeyOf(e ast.Expr) (LockKey, bool) {
	info := in.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.ObjectOf(e).(*types.Var)
		if !ok || v.IsField() {
			return LockKey{}, false
		}
		if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			return LockKey{path: v.Pkg().Path() + "." + v.Name()}, true
		}
		return LockKey{root: v}, true
	case *ast.StarExpr:
		return in.KeyOf(e.X)
	case *ast.SelectorExpr:
		s, ok := info.Selections[e]
		if !ok {
			return in.KeyOf(e.Sel) // a qualified package-level variable
		}
		if s.Kind() != types.FieldVal {
			return LockKey{}, false
		}
		key, ok := in.KeyOf(e.X)
		if !ok {
			return LockKey{}, false
		}
		key.path += embeddedPath(s.Recv(), s.Index()) + "." + e.Sel.Name
		return key, true
	}
	return LockKey{}, false
}

// embeddedPath names the embedded fields that a selection with the given
// index passes through before its last step: ".Inner" for x.M promoted
// from x.Inner.
func embeddedPath(t types.Type, index []int) string {
	var b strings.Builder
	for _, i := range index[:len(index)-1] {
		if p, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return b.String()
		}
		f := st.Field(i)
		b.WriteString("." + f.Name())
		t = f.Type()
	}
	return b.String()
}

// Rebase returns the key that a callee's lock use means at a call whose
// receiver is recv: ".mu" on receiver c becomes c.mu.
func (in *Info) Rebase(use LockUse, recv *ast.SelectorExpr) (LockKey, bool) {
	if use.Global {
		return LockKey{path: use.Path}, true
	}
	key, ok := in.receiverKey(recv)
	if !ok {
		return LockKey{}, false
	}
	key.path += use.Path
	return key, true
}

// IsGlobal reports whether the lock hangs off a package-level variable.
func (k LockKey) IsGlobal() bool { return k.root == nil }

// Root returns the variable a local lock hangs off.
func (k LockKey) Root() types.Object { return k.root }

// Path returns the field path from the root: ".mu".
func (k LockKey) Path() string { return k.path }
