package analysisutil

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// EnclosingFunc returns the innermost function declaration or literal
// around cur, or a zero cursor outside any function.
func EnclosingFunc(cur inspector.Cursor) inspector.Cursor {
	for fcur := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return fcur
	}
	return inspector.Cursor{}
}

// EnclosingDecl returns the function declaration holding cur, outside
// any function literal it is in.
func EnclosingDecl(cur inspector.Cursor) (inspector.Cursor, bool) {
	for f := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return f, true
	}
	return inspector.Cursor{}, false
}

// FuncBody returns the body of a function declaration or literal, nil for
// other nodes and for declarations without one.
func FuncBody(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.FuncDecl:
		return n.Body
	case *ast.FuncLit:
		return n.Body
	}
	return nil
}

// FuncType returns the type of a function declaration or literal, or nil.
func FuncType(n ast.Node) *ast.FuncType {
	switch n := n.(type) {
	case *ast.FuncDecl:
		return n.Type
	case *ast.FuncLit:
		return n.Type
	}
	return nil
}

// BoundVar returns the variable a function literal is assigned to (f :=
// func() {…}), or nil when lit is not the right side of an assignment to
// a plain identifier.
func BoundVar(info *types.Info, lit inspector.Cursor) types.Object {
	assign, ok := lit.Parent().Node().(*ast.AssignStmt)
	if !ok || len(assign.Lhs) != len(assign.Rhs) {
		return nil
	}
	for i, rhs := range assign.Rhs {
		if rhs == lit.Node() {
			if id, ok := assign.Lhs[i].(*ast.Ident); ok {
				return info.ObjectOf(id)
			}
		}
	}
	return nil
}

// DeclIdent returns the cursor, under root, of the identifier that
// declares obj: the one range arithmetic on an object's name.
func DeclIdent(root inspector.Cursor, obj types.Object) (inspector.Cursor, bool) {
	return root.FindByPos(obj.Pos(), obj.Pos()+token.Pos(len(obj.Name())))
}

// DefiningCall returns the call whose result the local variable v was
// declared with (v := f(…), v, err := f(…), var v = f(…)), found from any
// cursor of the same inspector, or nil.
func DefiningCall(info *types.Info, cur inspector.Cursor, v *types.Var) *ast.CallExpr {
	if v == nil || !v.Pos().IsValid() {
		return nil
	}
	idCur, ok := DeclIdent(cur.Inspector().Root(), v)
	if !ok {
		return nil
	}
	id, ok := idCur.Node().(*ast.Ident)
	if !ok || info.Defs[id] != v {
		return nil
	}
	lhs, rhs := AssignSides(idCur.Parent().Node())
	if lhs == nil {
		return nil
	}
	var e ast.Expr
	switch {
	case len(rhs) == 1:
		e = rhs[0]
	case len(rhs) == len(lhs):
		for i := range lhs {
			if lhs[i] == ast.Expr(id) {
				e = rhs[i]
			}
		}
	}
	call, _ := ast.Unparen(e).(*ast.CallExpr)
	return call
}

// FuncValueNames returns the names a called function value goes by: the
// variable or field that holds it, the function that returned it
// (getHook()(…)), and the function whose result the variable was declared
// with (if hook := getHook(); hook != nil { hook(…) }).
func FuncValueNames(info *types.Info, cur inspector.Cursor, fun ast.Expr) []string {
	var names []string
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		names = append(names, f.Name)
		if v, ok := info.Uses[f].(*types.Var); ok {
			if call := DefiningCall(info, cur, v); call != nil {
				if fn := Callee(info, call); fn != nil {
					names = append(names, fn.Name())
				}
			}
		}
	case *ast.SelectorExpr:
		names = append(names, f.Sel.Name)
	case *ast.CallExpr:
		if fn := Callee(info, f); fn != nil {
			names = append(names, fn.Name())
		}
	}
	return names
}

// FuncDecls returns the package's function and method declarations that
// have a body, by the function they declare.
func FuncDecls(info *types.Info, insp *inspector.Inspector) map[*types.Func]*ast.FuncDecl {
	decls := make(map[*types.Func]*ast.FuncDecl)
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		if fn, ok := info.Defs[decl.Name].(*types.Func); ok && decl.Body != nil {
			decls[fn] = decl
		}
	}
	return decls
}
