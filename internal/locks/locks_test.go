package locks_test

import (
	"go/ast"
	"go/importer"
	"go/token"
	"go/types"
	"testing"

	"github.com/conclint/conclint/internal/locks"
	"github.com/conclint/conclint/internal/srctest"
)

const src = `package p

import "sync"

type Inner struct{ sync.Mutex }

type C struct {
	mu    sync.RWMutex
	state struct{ mu sync.Mutex }
	Inner
}

var global sync.Mutex

func (c *C) lock() { c.mu.Lock() }

func f(c, d *C, m map[int]*C) {
	c.mu.Lock()
	c.mu.RUnlock()
	c.state.mu.Lock()
	c.Lock()
	d.mu.Unlock()
	global.Lock()
	m[0].mu.Lock()
	c.mu.TryLock()
	c.lock()
}
`

// TestKeysAndCalls checks which calls are lock operations and the keys
// of their mutexes: fields through embedding, package-level variables,
// and no key for what no path names.
func TestKeysAndCalls(t *testing.T) {
	fset, file, info := srctest.Check(t, src, types.Config{Importer: importer.ForCompiler(token.NewFileSet(), "source", nil)})
	var calls []*ast.CallExpr
	ast.Inspect(file, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			calls = append(calls, call)
		}
		return true
	})
	lockWrapper := &locks.WrappedOp{Use: locks.Use{Path: ".mu", Write: true}, Acquire: true}
	wrapper := func(fn *types.Func) *locks.WrappedOp {
		if fn.Name() == "lock" {
			return lockWrapper
		}
		return nil
	}
	type want struct {
		name, path     string
		global         bool
		acquire, write bool
	}
	wants := []*want{ // one per call in f, in order; nil for no lock operation
		{"c.mu", ".mu", false, true, true},
		{"c.mu", ".mu", false, false, false},
		{"c.state.mu", ".state.mu", false, true, true},
		{"c", ".Inner.Mutex", false, true, true}, // promoted through two embeddings
		{"d.mu", ".mu", false, false, true},
		{"global", "p.global", true, true, true},
		nil, // m[0].mu: an index expression names no variable
		nil, // TryLock does not wait
		{"c.mu", ".mu", false, true, true},
	}
	calls = calls[len(calls)-len(wants):] // the calls of f; lock's own comes first
	var roots []types.Object
	for i, call := range calls {
		op, ok := locks.Call(fset, info, call, wrapper)
		w := wants[i]
		if w == nil {
			if ok {
				t.Errorf("call %d (%s): got a lock operation on %s, want none", i, types.ExprString(call), op.Lock.Name)
			}
			continue
		}
		if !ok {
			t.Errorf("call %d (%s): not a lock operation", i, types.ExprString(call))
			continue
		}
		got := want{op.Lock.Name, op.Lock.Key.Path(), op.Lock.Key.IsGlobal(), op.Acquire, op.Write}
		if got != *w {
			t.Errorf("call %d (%s): got %+v, want %+v", i, types.ExprString(call), got, *w)
		}
		roots = append(roots, op.Lock.Key.Root())
	}
	// c's keys share their root, d's is another variable.
	if roots[0] != roots[1] || roots[0] == roots[4] || roots[0] == nil {
		t.Errorf("roots: c.mu %v, c.mu %v, d.mu %v", roots[0], roots[1], roots[4])
	}
	if k, ok := locks.KeyOf(info, calls[0].Fun.(*ast.SelectorExpr).X); !ok || k != mustKey(t, fset, info, calls[1]) {
		t.Errorf("KeyOf(c.mu) = %v, %v; want the key of c.mu.RUnlock's receiver", k, ok)
	}
	// A callee's use of its receiver's .mu, seen at d.lock().
	if k, ok := locks.Rebase(info, locks.Use{Path: ".mu"}, calls[4].Fun.(*ast.SelectorExpr).X.(*ast.SelectorExpr)); ok {
		t.Errorf("Rebase on a field selection d.mu (no method call): got %v, want none", k)
	}
	if u, ok := locks.UseOf(locks.GlobalKey("p.global"), nil, true, "p.go:1"); !ok || !u.Global || u.Name() != "p.global" {
		t.Errorf("UseOf(global) = %+v, %v", u, ok)
	}
}

func mustKey(t *testing.T, fset *token.FileSet, info *types.Info, call *ast.CallExpr) locks.Key {
	t.Helper()
	op, ok := locks.SyncCall(fset, info, call)
	if !ok {
		t.Fatalf("%s: not a sync lock call", types.ExprString(call))
	}
	return op.Lock.Key
}
