package scope

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// Callbacks is the set of the package's callbacks whose caller lives
// elsewhere: functions its production code never calls, but hands over as
// a value (a function or method value, or the value of an interface method
// they implement: RefreshF: r.refresh). Their caller is a scheduler or
// framework of another package, often on a timer. Request handlers, known
// by their signatures, are not callbacks.
type Callbacks struct {
	info *types.Info
	set  map[string]bool // see key
}

// Has reports whether the function declared by decl is a callback.
func (c *Callbacks) Has(decl *ast.FuncDecl) bool {
	fn, _ := c.info.Defs[decl.Name].(*types.Func)
	return fn != nil && c.set[key(fn)]
}

// FindCallbacks walks the package's identifiers once; an analyzer that
// asks seldom calls it on first need.
func (in *Info) FindCallbacks(pass *analysis.Pass, insp *inspector.Inspector) *Callbacks {
	c := &Callbacks{info: pass.TypesInfo, set: make(map[string]bool)}
	called := make(map[string]bool)
	for file := range insp.Root().Children() {
		if strings.HasSuffix(pass.Fset.File(file.Node().Pos()).Name(), "_test.go") {
			continue
		}
		for cur := range file.Preorder((*ast.Ident)(nil)) {
			fn, ok := pass.TypesInfo.Uses[cur.Node().(*ast.Ident)].(*types.Func)
			if !ok || fn.Pkg() != pass.Pkg {
				continue
			}
			if isCalled(cur) {
				called[key(fn)] = true
			} else {
				c.set[key(fn)] = true
			}
		}
	}
	for k := range called {
		delete(c.set, k)
	}
	for n, f := range in.funcs {
		if decl, ok := n.(*ast.FuncDecl); ok && f.Kind.IsHandler() {
			if fn, _ := pass.TypesInfo.Defs[decl.Name].(*types.Func); fn != nil {
				delete(c.set, key(fn))
			}
		}
	}
	return c
}

// key names a function of the package, or a method by its name alone:
// a call or value of an interface method counts for every method of that
// name (which implementation runs is not known here).
func key(fn *types.Func) string {
	if fn.Signature().Recv() != nil {
		return "." + fn.Name()
	}
	return fn.Name()
}

// isCalled reports whether the identifier at cur names the function of a
// call: f(…), x.f(…) or f[T](…).
func isCalled(cur inspector.Cursor) bool {
	if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == cur.Node() {
		cur = cur.Parent()
	}
	for {
		switch cur.Parent().Node().(type) {
		case *ast.IndexExpr, *ast.IndexListExpr, *ast.ParenExpr:
			cur = cur.Parent()
			continue
		}
		break
	}
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	return ok && call.Fun == cur.Node()
}
