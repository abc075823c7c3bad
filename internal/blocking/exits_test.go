package blocking

import (
	"go/ast"
	"go/types"
	"testing"

	"github.com/conclint/conclint/internal/srctest"
)

// TestExits checks the loop-exit test of IsPause (panics counted) and of
// drained parameters (panics not counted), on bodies where a later
// statement must not undo an earlier exit.
func TestExits(t *testing.T) {
	const src = `package p

func f(c bool, ch chan int) {
	for { // 0: return, then a call
		if c {
			return
		}
		g()
	}
	for { // 1: only a call
		g()
	}
	for { // 2: panic, then a call
		if c {
			panic("x")
		}
		g()
	}
	for { // 3: a return in a nested literal only
		func() { return }()
	}
	for { // 4: break, then a call
		if c {
			break
		}
		g()
	}
}

func g() {}
`
	_, file, info := srctest.Check(t, src, types.Config{})
	var bodies []*ast.BlockStmt
	ast.Inspect(file, func(n ast.Node) bool {
		if f, ok := n.(*ast.ForStmt); ok {
			bodies = append(bodies, f.Body)
		}
		return true
	})
	for i, want := range []struct{ panics, noPanics bool }{
		{true, true}, {false, false}, {true, false}, {false, false}, {true, true},
	} {
		if got := exits(info, bodies[i], true); got != want.panics {
			t.Errorf("loop %d: exits with panics = %v, want %v", i, got, want.panics)
		}
		if got := exits(info, bodies[i], false); got != want.noPanics {
			t.Errorf("loop %d: exits without panics = %v, want %v", i, got, want.noPanics)
		}
	}
}
