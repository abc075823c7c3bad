package unboundedgo

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// configured reports whether the collection x is part of the program's
// set-up rather than input: its receiver's state (listeners, servers,
// pipeline stages), a package-level variable, a field of a parameter
// outside a request handler (a config struct), a composite literal, or a
// local that holds one of those. Goroutines per element of such a
// collection are bounded by configuration, so they are not reported.
// Values from calls, plain parameters and anything derived from a request
// stay input.
func (c *checker) configured(sp spawn, x ast.Expr) bool {
	return c.configuredDepth(sp, x, 4)
}

func (c *checker) configuredDepth(sp spawn, x ast.Expr, depth int) bool {
	if depth == 0 {
		return false
	}
	selected := false
	for {
		switch e := ast.Unparen(x).(type) {
		case *ast.CompositeLit:
			return true
		case *ast.UnaryExpr:
			x = e.X
			continue
		case *ast.StarExpr:
			x = e.X
			continue
		case *ast.IndexExpr:
			x = e.X
			continue
		case *ast.SliceExpr:
			x = e.X
			continue
		case *ast.SelectorExpr:
			if s, ok := c.pass.TypesInfo.Selections[e]; ok && s.Kind() == types.FieldVal {
				x, selected = e.X, true
				continue
			}
			if v, ok := c.pass.TypesInfo.Uses[e.Sel].(*types.Var); ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
				return true // another package's variable
			}
			return false
		case *ast.Ident:
			return c.configuredVar(sp, e, selected, depth)
		case *ast.CallExpr:
			fn := analysisutil.Callee(c.pass.TypesInfo, e)
			switch {
			case analysisutil.IsFunc(fn, "flag", "Args") || analysisutil.IsMethod(fn, "flag", "FlagSet", "Args"):
				return true // the command line
			case analysisutil.IsFunc(fn, "strings", "Split", "SplitN", "Fields", "FieldsFunc") && len(e.Args) > 0:
				return c.configuredDepth(sp, e.Args[0], depth-1) // a list in one setting: "a:1,b:2"
			}
			if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && namesConfig(sel.X) {
				return true // h.r.Config().WellKnownKeys(ctx): a setting read from the configuration
			}
			if arg, ok := c.passThrough(e); ok {
				return c.configuredDepth(sp, arg, depth-1) // stringslice.Unique(list), slices.Compact(list)
			}
			return c.isGetter(e) && c.configuredDepth(sp, e.Fun.(*ast.SelectorExpr).X, depth-1)
		}
		return false
	}
}

// configuredVar applies configured to the variable id names; selected
// says a field of it was taken.
func (c *checker) configuredVar(sp spawn, id *ast.Ident, selected bool, depth int) bool {
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
		return true // package-level
	}
	top := outermost(sp.cur)
	if decl, ok := top.Node().(*ast.FuncDecl); ok && decl.Recv != nil {
		for _, f := range decl.Recv.List {
			for _, name := range f.Names {
				if c.pass.TypesInfo.Defs[name] == v {
					return true // the receiver's state
				}
			}
		}
	}
	if c.isParam(sp.cur, v) {
		_, inHandler := c.scope.Request(sp.cur) // a handler's parameters are the request
		return selected && !inHandler
	}
	// A local: follow its one assignment, or the loop it ranges over.
	if rng, ok := c.rangeDefining(top, v); ok {
		return c.configuredDepth(sp, rng.X, depth-1)
	}
	values := c.assignments(top, v)
	if len(values) == 0 {
		return false
	}
	for _, val := range values {
		if val == nil || !c.configuredDepth(sp, val, depth-1) {
			return false
		}
	}
	return true
}

// isGetter reports whether call is x.M() with no arguments and M a method
// of this package: a getter of x's state (d.getNamespaces()), whereas a
// call on another package's client (s.db.List(ctx)) fetches data.
func (c *checker) isGetter(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) > 0 {
		return false
	}
	s, ok := c.pass.TypesInfo.Selections[sel]
	return ok && s.Kind() == types.MethodVal && s.Obj().Pkg() == c.pass.Pkg
}

// isParam reports whether v is a parameter of a function enclosing cur.
func (c *checker) isParam(cur inspector.Cursor, v *types.Var) bool {
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ft *ast.FuncType
		switch n := f.Node().(type) {
		case *ast.FuncDecl:
			ft = n.Type
		case *ast.FuncLit:
			ft = n.Type
		}
		for _, field := range ft.Params.List {
			for _, name := range field.Names {
				if c.pass.TypesInfo.Defs[name] == v {
					return true
				}
			}
		}
	}
	return false
}

// rangeDefining returns the range statement in top that declares v as its
// key or value.
func (c *checker) rangeDefining(top inspector.Cursor, v *types.Var) (*ast.RangeStmt, bool) {
	for cur := range top.Preorder((*ast.RangeStmt)(nil)) {
		rng := cur.Node().(*ast.RangeStmt)
		for _, e := range []ast.Expr{rng.Key, rng.Value} {
			if id, ok := e.(*ast.Ident); ok && c.pass.TypesInfo.Defs[id] == v {
				return rng, true
			}
		}
	}
	return nil, false
}

// configNames name values that hold a program's configuration.
var configNames = map[string]bool{
	"config": true, "configuration": true, "cfg": true, "conf": true,
	"options": true, "opts": true, "settings": true,
}

// namesConfig reports whether x is a configuration: a variable, field or
// accessor named like config, cfg or options (s.cfg, h.r.Config()).
func namesConfig(x ast.Expr) bool {
	switch e := ast.Unparen(x).(type) {
	case *ast.CallExpr:
		if len(e.Args) == 0 {
			return namesConfig(e.Fun)
		}
	case *ast.SelectorExpr:
		return configNames[strings.ToLower(e.Sel.Name)]
	case *ast.Ident:
		return configNames[strings.ToLower(e.Name)]
	}
	return false
}

// passThrough returns the argument of a call that takes one list and
// returns a list of the same type (deduplicated, sorted, filtered): the
// result is as long as the argument allows.
func (c *checker) passThrough(call *ast.CallExpr) (ast.Expr, bool) {
	if len(call.Args) != 1 {
		return nil, false
	}
	in, out := c.pass.TypesInfo.TypeOf(call.Args[0]), c.pass.TypesInfo.TypeOf(call)
	if in == nil || out == nil || !types.Identical(in, out) {
		return nil, false
	}
	_, isSlice := in.Underlying().(*types.Slice)
	return call.Args[0], isSlice
}
