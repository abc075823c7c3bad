package analysisutil

import (
	"bytes"
	"go/format"
	"go/parser"
	"go/token"
	"testing"
)

// ExprString's shortcut for selector chains prints what gofmt prints.
func TestExprString(t *testing.T) {
	fset := token.NewFileSet()
	for _, src := range []string{"x", "c.client.Do", "a.b.c.d.e", "s.mu", "f(x).y", "m[k].z", "(*p).q", "func() {}"} {
		e, err := parser.ParseExprFrom(fset, "x.go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := format.Node(&buf, fset, e); err != nil {
			t.Fatal(err)
		}
		if got := ExprString(fset, e); got != buf.String() {
			t.Errorf("ExprString(%s) = %q, gofmt prints %q", src, got, buf.String())
		}
	}
}
