package scope

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// CLI frameworks call a command's callback with the context their Run was
// given, and most programs give it context.Background: Ctrl-C ends the
// process, not the context. A callback's context counts as cancellable
// only on evidence in the package: it runs the command with a context it
// derives with a cancel or a deadline (signal.NotifyContext, WithCancel).
// A signal handler one command sets up for its own work is no evidence
// for the others.
// A context handed in from elsewhere is no such evidence (cobra's commands
// are handled apart, see backgroundCommand).

// cliCallbacks are the command types whose callback field gets Run's
// context as its first parameter, by import path prefix.
var cliCallbacks = []struct{ pathPrefix, field string }{
	{"github.com/urfave/cli", "Action"},    // v3: Action func(context.Context, *cli.Command) error
	{"github.com/peterbourgon/ff", "Exec"}, // ffcli and ff/v4: Exec func(ctx context.Context, args []string) error
}

// cliCommand reports whether t is (a pointer to) a command type of a CLI
// framework whose field is a callback given Run's context.
func cliCommand(t types.Type, field string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Name() != "Command" {
		return false
	}
	for _, cb := range cliCallbacks {
		if cb.field == field && strings.HasPrefix(named.Obj().Pkg().Path(), cb.pathPrefix) {
			return true
		}
	}
	return false
}

// importsCLIFramework reports whether pkg imports one of cliCallbacks'
// frameworks, as a package that builds their commands does.
func importsCLIFramework(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		for _, cb := range cliCallbacks {
			if strings.HasPrefix(imp.Path(), cb.pathPrefix) {
				return true
			}
		}
	}
	return false
}

// findCLICallbacks marks the context parameters of the package's command
// callbacks uncancelled, unless the package shows it cancels them.
func (in *Info) findCLICallbacks(insp *inspector.Inspector) {
	if !importsCLIFramework(in.pkg) {
		return // nothing to walk: most packages define no commands
	}
	var callbacks []ast.Expr
	cancels := false
	for cur := range insp.Root().Preorder((*ast.KeyValueExpr)(nil), (*ast.AssignStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.KeyValueExpr:
			lit, ok := cur.Parent().Node().(*ast.CompositeLit)
			key, isIdent := n.Key.(*ast.Ident)
			if ok && isIdent && cliCommand(in.info.TypeOf(lit), key.Name) {
				callbacks = append(callbacks, n.Value)
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && len(n.Lhs) == len(n.Rhs) && cliCommand(in.info.TypeOf(sel.X), sel.Sel.Name) {
					callbacks = append(callbacks, n.Rhs[i])
				}
			}
		case *ast.CallExpr:
			cancels = cancels || in.cancelsCLI(n)
		}
	}
	if cancels || len(callbacks) == 0 {
		return
	}
	decls := analysisutil.FuncDecls(in.info, insp)
	for _, cb := range callbacks {
		if p := in.callbackContext(decls, cb); p != nil {
			in.uncancelled[p] = true
		}
	}
}

// cancelsCLI reports whether call is evidence that the package cancels
// its commands' context: a command run with a context derived here with a
// cancel or a deadline.
func (in *Info) cancelsCLI(call *ast.CallExpr) bool {
	fn := analysisutil.Callee(in.info, call)
	if fn == nil || len(call.Args) == 0 || fn.Signature().Recv() == nil || !strings.HasPrefix(fn.Name(), "Run") && fn.Name() != "ParseAndRun" {
		return false
	}
	if !cliCommand(fn.Signature().Recv().Type(), "Action") && !cliCommand(fn.Signature().Recv().Type(), "Exec") {
		return false
	}
	if id, ok := ast.Unparen(call.Args[0]).(*ast.Ident); ok {
		if src, ok := in.vars[in.info.Uses[id]]; ok && !src.Derived {
			return false // a parameter: whoever calls the function decides, unseen here
		}
	}
	return in.exprCancellable(call.Args[0], make(map[*types.Var]bool))
}

// callbackContext returns the context parameter of the callback e: a
// function literal, or a function or method of the package named by it.
func (in *Info) callbackContext(decls map[*types.Func]*ast.FuncDecl, e ast.Expr) *types.Var {
	var ftype *ast.FuncType
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		ftype = e.Type
	case *ast.Ident, *ast.SelectorExpr:
		if fn, ok := analysisutil.ObjectOf(in.info, e).(*types.Func); ok && decls[fn] != nil {
			ftype = decls[fn].Type
		}
	}
	if ftype == nil || len(ftype.Params.List) == 0 || len(ftype.Params.List[0].Names) == 0 {
		return nil
	}
	p, _ := in.info.Defs[ftype.Params.List[0].Names[0]].(*types.Var)
	if p == nil || !analysisutil.IsContext(p.Type()) {
		return nil
	}
	return p
}
