package analysisutil

import (
	"go/ast"
	"go/types"
)

// AssignSides returns the left and right sides of an assignment or a
// var or const spec (its names and values); nil for any other node. The
// sides may differ in length: a, b := f().
func AssignSides(n ast.Node) (lhs, rhs []ast.Expr) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		return n.Lhs, n.Rhs
	case *ast.ValueSpec:
		for _, id := range n.Names {
			lhs = append(lhs, id)
		}
		return lhs, n.Values
	}
	return nil, nil
}

// EachStore calls store for every value the files store into a variable
// or field: one-to-one assignments, var declarations with values, and
// struct fields set in composite literals (T{f: v}).
func EachStore(files []*ast.File, info *types.Info, store func(lhs, rhs ast.Expr)) {
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i := range n.Lhs {
						store(n.Lhs[i], n.Rhs[i])
					}
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i := range n.Names {
						store(n.Names[i], n.Values[i])
					}
				}
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() {
						store(id, n.Value)
					}
				}
			}
			return true
		})
	}
}
