package blocking

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/scope"
)

// onlyResults reports whether the field that ch names is a future: the
// package stores only channels it makes there, sends on it only once per
// goroutine, from goroutines (go func() {…}()) that take a context, and
// never lets the channel out. A receive there waits for such a goroutine to finish its
// work, which its context bounds, as a WaitGroup wait does:
//
//	go func() { rd.done <- run(ctx, cmd) }()
//	…
//	err := <-rd.done
func (in *Info) onlyResults(ch ast.Expr) bool {
	obj := in.chanObject(ch)
	if obj == nil {
		return false
	}
	return in.futures[obj]
}

// findFutures classifies every use of a channel field in the package;
// see onlyResults.
func (in *Info) findFutures() map[types.Object]bool {
	info := in.pass.TypesInfo
	futures := make(map[types.Object]bool) // false once a use disqualifies it
	insp := in.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range insp.Root().Preorder((*ast.Ident)(nil)) {
		v, ok := in.chanUses[cur.Node().(*ast.Ident)]
		if !ok || !v.IsField() {
			continue
		}
		if future, seen := futures[v]; seen && !future {
			continue
		}
		use := cur
		if use.ParentEdgeKind() == edge.SelectorExpr_Sel {
			use = use.Parent()
		}
		switch use.ParentEdgeKind() {
		case edge.UnaryExpr_X: // a receive (a channel has no address worth taking)
			if use.Parent().Node().(*ast.UnaryExpr).Op != token.ARROW {
				futures[v] = false
			}
		case edge.AssignStmt_Lhs:
			assign := use.Parent().Node().(*ast.AssignStmt)
			if len(assign.Lhs) != len(assign.Rhs) || originOf(info, assign.Rhs[use.ParentEdgeIndex()]) != made {
				futures[v] = false
			}
		case edge.KeyValueExpr_Key:
			if originOf(info, use.Parent().Node().(*ast.KeyValueExpr).Value) != made {
				futures[v] = false
			}
		case edge.RangeStmt_X:
		case edge.CallExpr_Args:
			if !analysisutil.IsBuiltin(info, use.Parent().Node().(*ast.CallExpr), "close", "len", "cap") {
				futures[v] = false // passed on: who knows how often it is sent on
			}
		case edge.SendStmt_Chan:
			if !oneResult(info, use.Parent()) {
				futures[v] = false
			} else if _, seen := futures[v]; !seen {
				futures[v] = true
			}
		default: // copied, returned, stored elsewhere
			futures[v] = false
		}
	}
	return futures
}

// oneResult reports whether the send at cur runs once in a goroutine
// that takes a context: not in a loop of a go func() {…}() literal that
// uses a context variable.
func oneResult(info *types.Info, cur inspector.Cursor) bool {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncDecl:
			return false
		case *ast.FuncLit:
			if c.ParentEdgeKind() != edge.CallExpr_Fun || c.Parent().ParentEdgeKind() != edge.GoStmt_Call {
				return false
			}
			for id := range c.Preorder((*ast.Ident)(nil)) {
				if v, ok := info.Uses[id.Node().(*ast.Ident)].(*types.Var); ok && scope.IsCarrier(v.Type()) {
					return true
				}
			}
			return false
		}
	}
	return false
}
