// Package locks is conclint's model of mutexes: which mutex an expression
// names (Key, the variable plus field path, also the key of channels and
// other values held in fields), which calls lock or unlock one (Call) and
// how a callee's lock use reads at a call site (Rebase).
//
// It holds no analysis state: the lock facts of functions (Use, WrappedOp,
// CondLock) are computed by internal/blocking, which exports them with its
// other facts, and read through blocking.Info.LockCall.
package locks

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/analysisutil"
)

// Key identifies a variable by its root variable and the field path from
// there: a mutex, a channel, any value held in a field. Two keys are equal
// only when the source names the same variable and fields; aliases are
// different keys, which keeps the rules silent rather than wrong.
type Key struct {
	root types.Object // the variable; nil for a package-level one
	path string       // ".mu", ".state.mu", or "" for the variable itself; "pkg/path.name.mu" when root is nil
}

// GlobalKey returns the key of a package-level variable and fields, named
// by its full path: "pkg/path.name.mu".
func GlobalKey(path string) Key { return Key{path: path} }

// IsGlobal reports whether the key hangs off a package-level variable.
func (k Key) IsGlobal() bool { return k.root == nil }

// Root returns the variable a local key hangs off.
func (k Key) Root() types.Object { return k.root }

// Path returns the field path from the root: ".mu".
func (k Key) Path() string { return k.path }

// Lock is a mutex as a rule names it.
type Lock struct {
	Key  Key
	Name string // as written: "c.mu", "mu"
}

// Op is a call of Lock, RLock, Unlock or RUnlock on a sync.Mutex or
// sync.RWMutex (TryLock is not one: it does not wait), or of a lock wrapper.
type Op struct {
	Lock    Lock
	Acquire bool // Lock or RLock
	Write   bool // Lock or Unlock
}

// Use is a mutex a function acquires or releases, relative to the
// function: a receiver field or a package-level variable.
type Use struct {
	Global bool   // a package-level variable rather than a receiver field
	Path   string // ".mu" from the receiver ("" for the receiver itself), or "pkg/path.mu" when Global
	Write  bool   // Lock rather than RLock
	Where  string // "cache.go:40"
}

// Name is the use as a fact prints it: "recv.mu" or "pkg/path.mu".
func (u Use) Name() string {
	if u.Global {
		return u.Path
	}
	return "recv" + u.Path
}

// WrappedOp is the one lock operation a lock wrapper does.
type WrappedOp struct {
	Use     Use
	Acquire bool
}

// CondLock is a mutex a function locks only when its bool parameter
// Param (an index) is When.
type CondLock struct {
	Use   Use
	Param int
	When  bool
}

// Call recognizes a lock operation whose mutex is named by a path: a sync
// method, or a call of a lock wrapper, which wrapper returns for a
// function (nil for none).
func Call(fset *token.FileSet, info *types.Info, call *ast.CallExpr, wrapper func(*types.Func) *WrappedOp) (Op, bool) {
	if op, ok := SyncCall(fset, info, call); ok {
		return op, true
	}
	fn := analysisutil.Callee(info, call)
	if fn == nil {
		return Op{}, false
	}
	w := wrapper(fn)
	if w == nil {
		return Op{}, false
	}
	sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if sel == nil && !w.Use.Global {
		return Op{}, false
	}
	key, ok := Rebase(info, w.Use, sel)
	if !ok {
		return Op{}, false
	}
	name := w.Use.Path
	if !w.Use.Global {
		name = analysisutil.ShortExprString(fset, sel.X) + w.Use.Path
	}
	return Op{Lock: Lock{Key: key, Name: name}, Acquire: w.Acquire, Write: w.Use.Write}, true
}

// SyncCall recognizes a call of a sync.Mutex or RWMutex method.
func SyncCall(fset *token.FileSet, info *types.Info, call *ast.CallExpr) (Op, bool) {
	fn := analysisutil.Callee(info, call)
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if fn == nil || !ok {
		return Op{}, false
	}
	var op Op
	switch {
	case analysisutil.IsMethod(fn, "sync", "Mutex", "Lock"), analysisutil.IsMethod(fn, "sync", "RWMutex", "Lock"):
		op.Acquire, op.Write = true, true
	case analysisutil.IsMethod(fn, "sync", "RWMutex", "RLock"):
		op.Acquire = true
	case analysisutil.IsMethod(fn, "sync", "Mutex", "Unlock"), analysisutil.IsMethod(fn, "sync", "RWMutex", "Unlock"):
		op.Write = true
	case analysisutil.IsMethod(fn, "sync", "RWMutex", "RUnlock"):
	default:
		return Op{}, false
	}
	key, ok := ReceiverKey(info, sel)
	if !ok {
		return Op{}, false
	}
	op.Lock = Lock{Key: key, Name: analysisutil.ShortExprString(fset, sel.X)}
	return op, true
}

// ReceiverKey returns the key of the receiver of a method call x.M,
// including fields that x.M reaches implicitly through embedding.
func ReceiverKey(info *types.Info, sel *ast.SelectorExpr) (Key, bool) {
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return Key{}, false
	}
	key, ok := KeyOf(info, sel.X)
	if !ok {
		return Key{}, false
	}
	key.path += embeddedPath(s.Recv(), s.Index())
	return key, true
}

// KeyOf returns the key of a variable-and-fields expression: mu, c.mu,
// s.state.mu, pkg.mu. Anything else (calls, index expressions) has none.
func KeyOf(info *types.Info, e ast.Expr) (Key, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.ObjectOf(e).(*types.Var)
		if !ok || v.IsField() {
			return Key{}, false
		}
		if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			return Key{path: v.Pkg().Path() + "." + v.Name()}, true
		}
		return Key{root: v}, true
	case *ast.StarExpr:
		return KeyOf(info, e.X)
	case *ast.SelectorExpr:
		s, ok := info.Selections[e]
		if !ok {
			return KeyOf(info, e.Sel) // a qualified package-level variable
		}
		if s.Kind() != types.FieldVal {
			return Key{}, false
		}
		key, ok := KeyOf(info, e.X)
		if !ok {
			return Key{}, false
		}
		key.path += embeddedPath(s.Recv(), s.Index()) + "." + e.Sel.Name
		return key, true
	}
	return Key{}, false
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
func Rebase(info *types.Info, use Use, recv *ast.SelectorExpr) (Key, bool) {
	if use.Global {
		return Key{path: use.Path}, true
	}
	key, ok := ReceiverKey(info, recv)
	if !ok {
		return Key{}, false
	}
	key.path += use.Path
	return key, true
}

// UseOf expresses a key relative to a function whose receiver is recv
// (nil for none): a receiver field or a package-level variable; other
// locks are the function's own affair.
func UseOf(key Key, recv *types.Var, write bool, where string) (Use, bool) {
	use := Use{Write: write, Where: where}
	switch {
	case key.root == nil:
		use.Global, use.Path = true, key.path
	case recv != nil && key.root == recv:
		use.Path = key.path
	default:
		return Use{}, false
	}
	return use, true
}
