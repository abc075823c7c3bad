package flow_test

import (
	"go/ast"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/flow"
	"github.com/conclint/conclint/internal/srctest"
)

// header declares what the snippets use: the first call of a src
// function, or literal of srcS, is the traced value.
const header = `package p

type T struct{ f *T }

func (*T) M() {}
func src(...any) *T { return nil }
func srcFn() func() { return nil }
func srcAny() any { return nil }
func srcTwo() (*T, error) { return nil, nil }
func sink(*T) {}

type srcS struct{}

var (
	global  *T
	globalS *srcS
)

type alias = *T

func must[V any](v V, err error) V     { return v }
func MustT(t *T, err error) *T         { return t }
func keep(t *T, err error) *T          { return t }
func mustBool[V any](v V, ok bool) bool { return ok }
`

// check type-checks a function f with body and returns the cursors of f
// and of the traced value.
func check(t *testing.T, body string) (*types.Info, inspector.Cursor, inspector.Cursor) {
	t.Helper()
	_, file, info := srctest.Check(t, header+"func f(param *T) {\n"+body+"\n}\n", types.Config{Error: func(error) {}}) // unused variables are fine here
	root := inspector.New([]*ast.File{file}).Root()
	var fn, value inspector.Cursor
	for cur := range root.Preorder((*ast.FuncDecl)(nil)) {
		if cur.Node().(*ast.FuncDecl).Name.Name == "f" {
			fn = cur
		}
	}
	for cur := range fn.Preorder((*ast.CallExpr)(nil), (*ast.CompositeLit)(nil)) {
		var id ast.Expr
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			id = n.Fun
		case *ast.CompositeLit:
			id = n.Type
		}
		if id, ok := id.(*ast.Ident); ok && strings.HasPrefix(id.Name, "src") {
			value = cur
			break
		}
	}
	if !value.Valid() {
		t.Fatalf("no src call in %q", body)
	}
	return info, fn, value
}

// tracer follows a value with a plain policy: it escapes when returned,
// sent, passed to a call, put in a literal, started in a goroutine or
// stored anywhere but a variable declared in f's body; wrappers pass it
// on. It records the kinds of the sites it is asked about in steps.
func tracer(info *types.Info, region inspector.Cursor, steps map[flow.Kind]bool) *flow.Tracer {
	body := region.Node().(*ast.FuncDecl).Body
	return &flow.Tracer{
		Info:   info,
		Region: region,
		Step: func(s flow.Site) flow.Verdict {
			steps[s.Kind] = true
			switch s.Kind {
			case flow.Returned, flow.Sent, flow.Argument, flow.Element, flow.Goroutine:
				return flow.Escapes
			case flow.Converted, flow.Addressed, flow.Asserted, flow.Assigned:
				return flow.Follows
			}
			return flow.Stays
		},
		Store: func(t flow.Target) flow.Verdict {
			switch {
			case t.Result != 0:
				return flow.Stays
			case t.Var != nil && body.Pos() <= t.Var.Pos() && t.Var.Pos() < body.End():
				return flow.Follows
			case t.Var == nil && t.Holder == nil && t.Expr.(*ast.Ident).Name == "_":
				return flow.Stays
			}
			return flow.Escapes
		},
	}
}

func TestSiteAndTrace(t *testing.T) {
	for _, tc := range []struct {
		name    string
		body    string
		kind    flow.Kind // of the traced value's own site
		escapes bool
		via     flow.Kind // a site on the way, when not Other
	}{
		{"returned", `_ = func() *T { return src() }`, flow.Returned, true, flow.Other},
		{"sent", `ch := make(chan *T); ch <- src()`, flow.Sent, true, flow.Other},
		{"argument", `sink(src())`, flow.Argument, true, flow.Other},
		{"builtin argument", `_ = append([]*T{}, src())`, flow.Argument, true, flow.Other},
		{"element", `_ = []*T{src()}`, flow.Element, true, flow.Other},
		{"keyed element", `_ = T{f: src()}`, flow.Element, true, flow.Other},
		{"package variable", `global = src()`, flow.Assigned, true, flow.Other},
		{"field", `var t T; t.f = src()`, flow.Assigned, true, flow.Other},
		{"parameter", `param = src()`, flow.Assigned, true, flow.Other},
		{"blank", `_ = src()`, flow.Assigned, false, flow.Other},
		{"local used", `x := src(); x.M()`, flow.Assigned, false, flow.Other},
		{"local returned", `x := src(); y := x; sink(y)`, flow.Assigned, true, flow.Other},
		{"local declared", `var x = src(); global = x`, flow.Assigned, true, flow.Other},
		{"local overwritten", `x := src(); x = nil; _ = x`, flow.Assigned, false, flow.Overwritten},
		{"goroutine", `x := src(); go func() { x.M() }()`, flow.Assigned, true, flow.Goroutine},
		{"closure", `x := src(); func() { x.M() }()`, flow.Assigned, false, flow.Other},
		{"closure passes on", `x := src(); defer func() { sink(x) }()`, flow.Assigned, true, flow.Other},
		{"spread results", `x, err := srcTwo(); _ = err; sink(x)`, flow.Assigned, true, flow.Other},
		{"spread error", `x, err := srcTwo(); _ = x; sink(nil); panic(err)`, flow.Assigned, false, flow.Other},
		{"parenthesized", `global = (src())`, flow.Assigned, true, flow.Other},
		{"converted", `x := alias(src()); x.M()`, flow.Converted, false, flow.Other},
		{"converted then stored", `global = alias(src())`, flow.Converted, true, flow.Other},
		{"addressed", `p := &srcS{}; _ = *p`, flow.Addressed, false, flow.Other},
		{"addressed then stored", `globalS = &srcS{}`, flow.Addressed, true, flow.Other},
		{"asserted", `global = srcAny().(*T)`, flow.Asserted, true, flow.Other},
		{"selected", `src().M()`, flow.Selected, false, flow.Other},
		{"called", `srcFn()()`, flow.Called, false, flow.Other},
		{"other", `if src() == nil {}`, flow.Other, false, flow.Other},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, fn, value := check(t, tc.body)
			if got := flow.SiteOf(info, value).Kind; got != tc.kind {
				t.Errorf("SiteOf = %v, want %v", got, tc.kind)
			}
			steps := make(map[flow.Kind]bool)
			if got := tracer(info, fn, steps).Escapes(value); got != tc.escapes {
				t.Errorf("Escapes = %v, want %v", got, tc.escapes)
			}
			if tc.via != flow.Other && !steps[tc.via] {
				t.Errorf("no %v site on the way", tc.via)
			}
		})
	}
}

// TestBareReturn checks that a named result assigned the value and
// returned by a bare return is returned, with the region each function's.
func TestBareReturn(t *testing.T) {
	for _, tc := range []struct {
		name    string
		body    string
		escapes bool
	}{
		{"bare return", `_ = func() (x *T) { x = src(); return }`, true},
		{"result returned explicitly", `_ = func() (x *T) { x = src(); x.M(); return nil }`, false},
		{"not a result", `_ = func() (y *T) { x := src(); x.M(); return }`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, fn, value := check(t, tc.body)
			steps := make(map[flow.Kind]bool)
			tr := tracer(info, fn, steps)
			tr.Region = inspector.Cursor{} // each assignment's own function
			if got := tr.Escapes(value); got != tc.escapes {
				t.Errorf("Escapes = %v, want %v", got, tc.escapes)
			}
			if tc.escapes && !steps[flow.Returned] {
				t.Error("no Returned site on the way")
			}
		})
	}
}

func TestTargets(t *testing.T) {
	for _, tc := range []struct {
		name    string
		body    string
		results []int // Result of each target
		vars    []string
	}{
		{"one to one", `var a, b *T; a, b = nil, src(); _, _ = a, b`, []int{-1, 0}, []string{"a", "b"}},
		{"spread", `a, err := srcTwo(); _, _ = a, err`, []int{0, 1}, []string{"a", "err"}},
		{"declared", `var a, b = src(), 1; _, _ = a, b`, []int{0, -1}, []string{"a", "b"}},
		{"field holder", `var t T; t.f = src()`, []int{0}, []string{"t"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, _, value := check(t, tc.body)
			site := flow.SiteOf(info, value)
			targets := flow.Targets(info, site)
			if len(targets) != len(tc.results) {
				t.Fatalf("%d targets, want %d", len(targets), len(tc.results))
			}
			for i, target := range targets {
				v := target.Var
				if v == nil {
					v = target.Holder
				}
				if target.Result != tc.results[i] || v == nil || v.Name() != tc.vars[i] {
					t.Errorf("target %d: Result %d, variable %v; want %d, %s", i, target.Result, v, tc.results[i], tc.vars[i])
				}
			}
		})
	}
}

func TestFresh(t *testing.T) {
	for _, tc := range []struct {
		body  string
		fresh bool
	}{
		{`global = src(&T{})`, true},
		{`global = src((T{}))`, true},
		{`global = src(new(T))`, true},
		{`global = src(param)`, false},
		{`global = src(src())`, false},
	} {
		info, _, value := check(t, tc.body)
		arg := value.Node().(*ast.CallExpr).Args[0]
		if got := flow.Fresh(info, arg); got != tc.fresh {
			t.Errorf("Fresh(%s) = %v, want %v", types.ExprString(arg), got, tc.fresh)
		}
	}
}

func TestUnwrap(t *testing.T) {
	for _, tc := range []struct {
		body   string
		passes bool
	}{
		{`global = src(must(srcTwo()))`, true},
		{`global = src(MustT(srcTwo()))`, true},
		{`global = src(keep(srcTwo()))`, false}, // not must-style by name
		{`_ = src(mustBool(srcTwo()))`, false},  // the result is not the passed type
		{`global = src(srcTwo())`, false},       // no wrapper
	} {
		info, _, value := check(t, tc.body)
		arg := value.Node().(*ast.CallExpr).Args[0]
		inner, ok := flow.Unwrap(info, arg)
		if ok != tc.passes {
			t.Errorf("Unwrap(%s) = %v, want %v", types.ExprString(arg), ok, tc.passes)
		}
		if ok && types.ExprString(inner) != "srcTwo()" {
			t.Errorf("Unwrap(%s) = %s, want srcTwo()", types.ExprString(arg), types.ExprString(inner))
		}
	}
}

func TestOrigins(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string // the traced value is the argument of the last sink call
		want string // the kinds of its origins, in order
	}{
		{"parameter", `sink(param)`, "Param"},
		{"global", `sink(global)`, "Global"},
		{"call", `sink(src())`, "Result"},
		{"spread call", `x, err := srcTwo(); _ = err; sink(x)`, "Result"},
		{"local chain", `x := src(); y := x; sink(y)`, "Result"},
		{"field of literal", `x := T{f: src()}; sink(x.f)`, "Result"},
		{"field left zero", `x := T{}; sink(x.f)`, "Empty"},
		{"field store", `var x T; x.f = param; sink(x.f)`, "Empty Param"},
		{"filled", `var x T; fill(&x); sink(x.f)`, "Empty Filled"},
		{"filled pointer", `x := &T{}; fill(x); sink(x.f)`, "Empty Filled"},
		{"pointer handed on", `x := src(); fill(x); sink(x.f)`, "Result"},
		{"appended", `var xs []*T; xs = append(xs, src()); sink(xs[0])`, "Empty Result"},
		{"map store", `m := map[*T]*T{}; m[param] = src(); sink(m[nil])`, "Empty Param Result"},
		{"ranged", `for _, x := range []*T{param} { sink(x) }`, "Ranged"},
		{"appended per pass", `var xs []T; for range 3 { xs = append(xs, T{}) }; sink(xs[0].f)`, "Empty Empty"},
		{"appended in a loop", `var xs []*T; for range 3 { xs = append(xs, nil) }; sink(xs[0])`, "Empty Repeated Empty"},
		{"stored in a loop", `m := map[int]*T{}; for i := range 3 { m[i] = nil }; sink(m[0])`, "Empty Repeated Ranged Empty"},
		{"received", `ch := make(chan *T); sink(<-ch)`, "Received"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, fn, arg := checkOrigins(t, tc.body)
			var got []string
			flow.Origins(info, fn, arg, func(og flow.Origin) bool {
				got = append(got, og.Kind.String())
				return true
			})
			if strings.Join(got, " ") != tc.want {
				t.Errorf("origins %v, want %s", got, tc.want)
			}
		})
	}
}

func TestOriginsAlong(t *testing.T) {
	info, fn, arg := checkOrigins(t, `x := &T{f: src()}; sink(x.f)`)
	var got []string
	flow.OriginsAlong(info, fn, arg.(*ast.SelectorExpr).X, []string{"f"}, func(og flow.Origin) bool {
		got = append(got, og.Kind.String())
		return true
	})
	if strings.Join(got, " ") != "Result" {
		t.Errorf("origins of x.f through the literal: %v, want Result", got)
	}
	info, fn, arg = checkOrigins(t, `sink(param.f)`)
	flow.Origins(info, fn, arg, func(og flow.Origin) bool {
		if og.Kind != flow.Param || strings.Join(og.Pending, ".") != "f" || strings.Join(og.Path, " ") != "f param" {
			t.Errorf("origin %v, pending %v, path %v; want Param, [f], [f param]", og.Kind, og.Pending, og.Path)
		}
		return true
	})
}

// checkOrigins type-checks f with body and returns the argument of its
// last call of sink.
func checkOrigins(t *testing.T, body string) (*types.Info, inspector.Cursor, ast.Expr) {
	t.Helper()
	src := header + "func fill(any) {}\nfunc f(param *T) {\n" + body + "\n}\n"
	_, file, info := srctest.Check(t, src, types.Config{Error: func(error) {}})
	root := inspector.New([]*ast.File{file}).Root()
	var fn inspector.Cursor
	var arg ast.Expr
	for cur := range root.Preorder((*ast.FuncDecl)(nil)) {
		if cur.Node().(*ast.FuncDecl).Name.Name == "f" {
			fn = cur
		}
	}
	for cur := range fn.Preorder((*ast.CallExpr)(nil)) {
		if id, ok := cur.Node().(*ast.CallExpr).Fun.(*ast.Ident); ok && id.Name == "sink" {
			arg = cur.Node().(*ast.CallExpr).Args[0]
		}
	}
	if arg == nil {
		t.Fatalf("no sink call in %q", body)
	}
	return info, fn, arg
}
