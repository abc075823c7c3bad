package analysisutil

import (
	"go/ast"
	"go/types"
	"slices"
)

// ObjectOf returns the object an expression names: an identifier's, or
// the one x.f selects (a field, a method or a qualified name); nil for
// anything else (calls, index expressions, literals).
func ObjectOf(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return info.ObjectOf(e)
	case *ast.SelectorExpr:
		return info.ObjectOf(e.Sel)
	}
	return nil
}

// IdentObject returns the object e names when it is an identifier, or nil:
// a local or package-level name, never a selected field.
func IdentObject(info *types.Info, e ast.Expr) types.Object {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		return info.ObjectOf(id)
	}
	return nil
}

// PackageLevel reports whether v is a package-level variable.
func PackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// Lasting reports whether obj is a variable that outlives any one call:
// a field or a package-level variable.
func Lasting(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	return ok && (v.IsField() || PackageLevel(v))
}

// MapLookup returns, for `v, ok := m[k]` (or =) on a map, the ok variable
// and the map; nil, nil for any other statement.
func MapLookup(info *types.Info, stmt ast.Stmt) (types.Object, ast.Expr) {
	as, isAssign := stmt.(*ast.AssignStmt)
	if !isAssign || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return nil, nil
	}
	index, isIndex := ast.Unparen(as.Rhs[0]).(*ast.IndexExpr)
	if !isIndex {
		return nil, nil
	}
	if t := info.TypeOf(index.X); t == nil {
		return nil, nil
	} else if _, isMap := t.Underlying().(*types.Map); !isMap {
		return nil, nil
	}
	ok := IdentObject(info, as.Lhs[1])
	if ok == nil {
		return nil, nil
	}
	return ok, index.X
}

// RootOperand returns the leftmost operand of e: what x.f, x[i], x[i, j],
// *x and &x (any unary operation) are built on, and, when throughCalls, what
// the calls of x.M() are made on. The root of s.conns[k].mu is s, of
// c.pool().Get() with throughCalls c.
func RootOperand(e ast.Expr, throughCalls bool) ast.Expr {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			e = x.X
		case *ast.CallExpr:
			if !throughCalls {
				return x
			}
			e = x.Fun
		default:
			return x
		}
	}
}

// IsBuiltin reports whether call calls one of the named builtin functions
// (len, make, close, panic, ...). It asks the type checker, so a package's
// own function named close is not one.
func IsBuiltin(info *types.Info, call *ast.CallExpr, names ...string) bool {
	name := BuiltinName(info, call)
	return name != "" && slices.Contains(names, name)
}

// BuiltinName returns the name of the builtin function call calls, or ""
// when it calls anything else (see IsBuiltin).
func BuiltinName(info *types.Info, call *ast.CallExpr) string {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return ""
	}
	if b, ok := info.Uses[id].(*types.Builtin); ok {
		return b.Name()
	}
	return ""
}
