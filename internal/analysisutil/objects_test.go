package analysisutil_test

import (
	"go/ast"
	"go/parser"
	"go/types"
	"testing"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/srctest"
)

// TestObjectsAndBuiltins checks ObjectOf, IdentObject and IsBuiltin on the
// arguments and calls of f, a builtin shadowed by a local function included.
func TestObjectsAndBuiltins(t *testing.T) {
	const src = `package p

type T struct{ f chan int }

func (T) m() {}

var g chan int

func f(x T, ch chan int) {
	use(x.f, ch, g, x.m, (ch), make(chan int), []int{}[0])
	close(ch)
	_ = len("")
	{
		close := func(chan int) {}
		close(ch)
	}
}

func use(...any) {}
`
	_, file, info := srctest.Check(t, src, types.Config{})
	var calls []*ast.CallExpr
	ast.Inspect(file, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			calls = append(calls, call)
		}
		return true
	})
	use := calls[0]
	name := func(o types.Object) string {
		if o == nil {
			return "nil"
		}
		return o.Name()
	}
	for i, want := range []struct{ object, ident string }{
		{"f", "nil"},   // x.f: the field
		{"ch", "ch"},   // ch
		{"g", "g"},     // g
		{"m", "nil"},   // x.m: the method
		{"ch", "ch"},   // (ch)
		{"nil", "nil"}, // make(chan int): a call
		{"nil", "nil"}, // an index expression
	} {
		arg := use.Args[i]
		if got := name(analysisutil.ObjectOf(info, arg)); got != want.object {
			t.Errorf("ObjectOf(%s) = %s, want %s", types.ExprString(arg), got, want.object)
		}
		if got := name(analysisutil.IdentObject(info, arg)); got != want.ident {
			t.Errorf("IdentObject(%s) = %s, want %s", types.ExprString(arg), got, want.ident)
		}
	}
	builtins := map[string]bool{}
	for _, call := range calls {
		builtins[types.ExprString(call)] = analysisutil.IsBuiltin(info, call, "close", "make", "len")
	}
	for call, want := range map[string]bool{
		"make(chan int)": true,
		"len(\"\")":      true,
		"close(ch)":      false, // the last close(ch) wins the map: the local function
		"use(x.f, ch, g, x.m, (ch), make(chan int), []int{}[0])": false,
	} {
		if builtins[call] != want {
			t.Errorf("IsBuiltin(%s) = %v, want %v", call, builtins[call], want)
		}
	}
	if !analysisutil.IsBuiltin(info, calls[len(calls)-3], "close") { // the first close(ch)
		t.Errorf("IsBuiltin(%s) = false, want true", types.ExprString(calls[len(calls)-3]))
	}
	if analysisutil.IsBuiltin(info, calls[len(calls)-3], "len") {
		t.Errorf("IsBuiltin(close(ch), \"len\") = true, want false")
	}
}

// TestRootOperand checks the leftmost operand of selections, indexes,
// dereferences, address-of and, when asked, calls.
func TestRootOperand(t *testing.T) {
	for _, c := range []struct {
		expr         string
		throughCalls bool
		want         string
	}{
		{"s.conns[k].mu", false, "s"},
		{"(*p).f", false, "p"},
		{"&x.y", false, "x"},
		{"m[a, b]", false, "m"},
		{"c.pool().Get()", true, "c"},
		{"c.pool().Get()", false, "c.pool().Get()"},
		{"f(x).y", false, "f(x)"},
		{`"lit"`, true, `"lit"`},
	} {
		e, err := parser.ParseExpr(c.expr)
		if err != nil {
			t.Fatal(err)
		}
		if got := types.ExprString(analysisutil.RootOperand(e, c.throughCalls)); got != c.want {
			t.Errorf("RootOperand(%s, %v) = %s, want %s", c.expr, c.throughCalls, got, c.want)
		}
	}
}
