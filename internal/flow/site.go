// Package flow follows a value through the code: from the expression that
// yields it to the node that takes it (a Site: returned, sent, passed to a
// call, stored by an assignment, …), and on through the local variables it
// is assigned to (a Tracer). It names the steps; whether a step lets the
// value escape is the asking rule's policy, so the rule decides.
package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// Kind is what the node just above a value does with it.
type Kind int

const (
	Other       Kind = iota // a node with no name here: the rule looks at Site.Cur
	Called                  // v(…)
	Argument                // f(…, v, …), builtins included
	Converted               // T(v)
	Selected                // v.f, v.M
	Addressed               // &v
	Asserted                // v.(T)
	Element                 // T{v}, T{k: v}; Cur is the composite literal
	Assigned                // x = v, x := v, var x = v; see Targets
	Overwritten             // v = …: the value is a target of the assignment
	Returned                // return v, or a bare return of the named result v (Value: its declaration)
	Sent                    // ch <- v
	Goroutine               // a use of a followed variable inside a go statement of the region; Cur is the go statement
)

var kindNames = [...]string{"Other", "Called", "Argument", "Converted", "Selected", "Addressed", "Asserted",
	"Element", "Assigned", "Overwritten", "Returned", "Sent", "Goroutine"}

func (k Kind) String() string { return kindNames[k] }

// A Site is one step of a value's way: the node that takes it.
type Site struct {
	Kind  Kind
	Value inspector.Cursor // the value, its parentheses included
	Cur   inspector.Cursor // the node that takes the value
	Index int              // its place among the arguments, elements, results, right- or (Overwritten) left-hand sides; -1 otherwise
}

// SiteOf returns the node that takes the value of the expression at cur,
// looking through parentheses. Every Kind but Goroutine (the Tracer's)
// comes from here.
func SiteOf(info *types.Info, cur inspector.Cursor) Site {
	for {
		if _, paren := cur.Parent().Node().(*ast.ParenExpr); !paren {
			break
		}
		cur = cur.Parent()
	}
	s := Site{Kind: Other, Value: cur, Cur: cur.Parent(), Index: -1}
	v := cur.Node()
	switch p := s.Cur.Node().(type) {
	case *ast.CallExpr:
		switch {
		case p.Fun == v:
			s.Kind = Called
		case isType(info, p.Fun):
			s.Kind, s.Index = Converted, 0
		default:
			s.Kind, s.Index = Argument, indexOf(p.Args, v)
		}
	case *ast.SelectorExpr:
		if p.X == v {
			s.Kind = Selected
		}
	case *ast.UnaryExpr:
		if p.Op == token.AND {
			s.Kind = Addressed
		}
	case *ast.TypeAssertExpr:
		if p.X == v {
			s.Kind = Asserted
		}
	case *ast.CompositeLit:
		if i := indexOf(p.Elts, v); i >= 0 {
			s.Kind, s.Index = Element, i
		}
	case *ast.KeyValueExpr:
		if lit, ok := s.Cur.Parent().Node().(*ast.CompositeLit); ok && p.Value == v {
			s.Kind, s.Index, s.Cur = Element, indexOf(lit.Elts, p), s.Cur.Parent()
		}
	case *ast.AssignStmt:
		if i := indexOf(p.Rhs, v); i >= 0 {
			s.Kind, s.Index = Assigned, i
		} else if i := indexOf(p.Lhs, v); i >= 0 {
			s.Kind, s.Index = Overwritten, i
		}
	case *ast.ValueSpec:
		if i := indexOf(p.Values, v); i >= 0 {
			s.Kind, s.Index = Assigned, i
		}
	case *ast.ReturnStmt:
		s.Kind, s.Index = Returned, indexOf(p.Results, v)
	case *ast.SendStmt:
		if p.Value == v {
			s.Kind = Sent
		}
	}
	return s
}

// A Target is where an assignment puts a value.
type Target struct {
	Expr   ast.Expr   // the left-hand side, parentheses removed
	Var    *types.Var // the variable Expr names; nil for a blank, a field, an element…
	Holder *types.Var // for a field x.f, the variable x; nil otherwise
	// Result is which result of the value at the site this target
	// receives: 0 at the value's own place, i for the i-th result of a
	// call spread over all targets (a, err := f()), -1 for a target that
	// receives another value (or any, at an Overwritten site).
	Result int
}

// Targets returns the left-hand sides of the assignment at an Assigned or
// Overwritten site.
func Targets(info *types.Info, s Site) []Target {
	lhs, _ := analysisutil.AssignSides(s.Cur.Node())
	if lhs == nil {
		return nil
	}
	spread := Spread(s)
	targets := make([]Target, len(lhs))
	for i, e := range lhs {
		t := Target{Expr: ast.Unparen(e), Result: -1}
		switch {
		case s.Kind != Assigned:
		case spread:
			t.Result = i
		case i == s.Index:
			t.Result = 0
		}
		switch x := t.Expr.(type) {
		case *ast.Ident:
			t.Var, _ = info.ObjectOf(x).(*types.Var)
		case *ast.SelectorExpr:
			if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
				t.Holder, _ = info.Uses[id].(*types.Var)
			}
		}
		targets[i] = t
	}
	return targets
}

// Spread reports whether the value at an Assigned site is one call's
// results spread over all targets: a, err := f().
func Spread(s Site) bool {
	switch p := s.Cur.Node().(type) {
	case *ast.AssignStmt:
		return s.Kind == Assigned && len(p.Rhs) == 1 && len(p.Lhs) > 1
	case *ast.ValueSpec:
		return s.Kind == Assigned && len(p.Values) == 1 && len(p.Names) > 1
	}
	return false
}

func indexOf[E ast.Node](list []E, n ast.Node) int {
	for i, e := range list {
		if ast.Node(e) == n {
			return i
		}
	}
	return -1
}

func isType(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsType()
}
