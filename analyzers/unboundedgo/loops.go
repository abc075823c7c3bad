package unboundedgo

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// loopInput reports whether loop runs once per item of input, and names
// the item: "element of events", "value received from jobs".
func (c *checker) loopInput(sp spawn, loop inspector.Cursor) (string, bool) {
	switch n := loop.Node().(type) {
	case *ast.RangeStmt:
		if what, ok := c.rangeInput(sp, n.X); ok {
			return what, true
		}
	case *ast.ForStmt:
		if what, ok := c.condInput(sp, n); ok {
			return what, true
		}
	}
	return c.receivedInput(sp, loop)
}

// rangeInput classifies the operand of a range loop.
func (c *checker) rangeInput(sp spawn, x ast.Expr) (string, bool) {
	x = ast.Unparen(x)
	t := c.pass.TypesInfo.TypeOf(x)
	if t == nil {
		return "", false
	}
	switch u := t.Underlying().(type) {
	case *types.Slice, *types.Map:
		if !c.dataSized(sp, x) {
			return "", false
		}
		return "element of " + c.name(x), true
	case *types.Chan:
		if !isWorkItem(u.Elem()) || !c.dataSized(sp, x) {
			return "", false
		}
		return "value received from " + c.name(x), true
	case *types.Basic:
		if u.Info()&types.IsInteger != 0 {
			return c.countInput(sp, x, true)
		}
	case *types.Signature:
		if call, ok := x.(*ast.CallExpr); ok && len(call.Args) == 1 && isSeqOf(analysisutil.Callee(c.pass.TypesInfo, call)) {
			return c.rangeInput(sp, call.Args[0])
		}
	}
	return "", false
}

// isComponent reports whether values of t are parts of the program (funcs,
// implementations of an interface such as pipeline stages or notifiers)
// rather than data: a list of them is as long as the code or the
// configuration makes it.
func isComponent(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Signature:
		return true
	case *types.Interface:
		return u.NumMethods() > 0
	}
	return false
}

// isSeqOf reports whether fn turns a slice or map into an iterator.
func isSeqOf(fn *types.Func) bool {
	return analysisutil.IsFunc(fn, "slices", "All", "Values", "Backward") ||
		analysisutil.IsFunc(fn, "maps", "All", "Keys", "Values")
}

// condInput classifies the condition of a three-clause or while loop: a
// count up to a length, rows.Next() or sc.Scan().
func (c *checker) condInput(sp spawn, loop *ast.ForStmt) (string, bool) {
	switch cond := ast.Unparen(loop.Cond).(type) {
	case *ast.BinaryExpr:
		switch cond.Op {
		case token.LSS, token.LEQ, token.NEQ, token.GTR, token.GEQ:
		default:
			return "", false
		}
		index := c.loopIndex(loop)
		if index == nil {
			return "", false
		}
		if c.isVar(cond.X, index) {
			return c.countInput(sp, cond.Y, false)
		}
		if c.isVar(cond.Y, index) {
			return c.countInput(sp, cond.X, false)
		}
	case *ast.CallExpr:
		fn := analysisutil.Callee(c.pass.TypesInfo, cond)
		sel, ok := cond.Fun.(*ast.SelectorExpr)
		if !ok {
			return "", false
		}
		switch {
		case analysisutil.IsMethod(fn, "database/sql", "Rows", "Next"):
			return "row of " + c.name(sel.X), true
		case analysisutil.IsMethod(fn, "bufio", "Scanner", "Scan"):
			return "token scanned by " + c.name(sel.X), true
		}
	}
	return "", false
}

// loopIndex returns the variable a three-clause loop counts with.
func (c *checker) loopIndex(loop *ast.ForStmt) *types.Var {
	var lhs ast.Expr
	switch post := loop.Post.(type) {
	case *ast.IncDecStmt:
		lhs = post.X
	case *ast.AssignStmt:
		if len(post.Lhs) == 1 {
			lhs = post.Lhs[0]
		}
	}
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	return v
}

func (c *checker) isVar(e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && c.pass.TypesInfo.ObjectOf(id) == v
}

// countInput classifies the bound of a counted loop. Only a length counts
// as input: a constant, a CPU count or a configured number of workers or
// retries does not.
func (c *checker) countInput(sp spawn, bound ast.Expr, viaVar bool) (string, bool) {
	bound = ast.Unparen(bound)
	if tv, ok := c.pass.TypesInfo.Types[bound]; ok && tv.Value != nil {
		return "", false
	}
	switch b := bound.(type) {
	case *ast.CallExpr:
		if x, ok := c.lenOperand(b); ok {
			return c.rangeInput(sp, x)
		}
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[b].(*types.Var)
		if !ok {
			return "", false
		}
		values := c.assignments(sp.fn, v)
		if len(values) == 1 && values[0] != nil {
			if call, ok := ast.Unparen(values[0]).(*ast.CallExpr); ok {
				if x, ok := c.lenOperand(call); ok {
					return c.rangeInput(sp, x)
				}
			}
		}
	}
	return "", false
}

// lenOperand returns x of a call len(x).
func (c *checker) lenOperand(call *ast.CallExpr) (ast.Expr, bool) {
	if len(call.Args) != 1 || !analysisutil.IsBuiltin(c.pass.TypesInfo, call, "len") {
		return nil, false
	}
	return call.Args[0], true
}

// receivedInput reports whether loop receives a value from a channel, or
// reads one from a stream (r.ReadString, stream.Recv, it.Next), and hands
// it to the goroutine of sp: the loop runs as long as work arrives.
func (c *checker) receivedInput(sp spawn, loop inspector.Cursor) (string, bool) {
	for cur := range loop.Preorder((*ast.AssignStmt)(nil)) {
		as := cur.Node().(*ast.AssignStmt)
		if as.Pos() >= sp.cur.Node().Pos() || len(as.Rhs) != 1 || !sameFunc(cur, sp.fn) {
			continue
		}
		id, ok := as.Lhs[0].(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
		if !ok || !isWorkItem(v.Type()) || !c.uses(sp.work, v) {
			continue
		}
		switch rhs := ast.Unparen(as.Rhs[0]).(type) {
		case *ast.UnaryExpr:
			if rhs.Op == token.ARROW {
				return "value received from " + c.name(rhs.X), true
			}
		case *ast.CallExpr:
			if len(as.Lhs) >= 2 && endless(loop.Node()) && c.readsStream(rhs) {
				return "value read by " + c.name(rhs.Fun), true
			}
		}
	}
	return "", false
}

// streamReads are the method name prefixes of calls that return the next
// item of a stream and an error at its end: bufio's ReadString and
// ReadLine, a gRPC stream's Recv, a queue's Receive or Fetch, an
// iterator's Next.
var streamReads = []string{"Read", "Recv", "Receive", "Fetch", "Next"}

// readsStream reports whether call is x.M(…) with M a stream read that
// returns a value and an error.
func (c *checker) readsStream(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if s, ok := c.pass.TypesInfo.Selections[sel]; !ok || s.Kind() != types.MethodVal {
		return false // os.ReadDir and other one-off reads
	}
	sig, ok := c.pass.TypesInfo.TypeOf(sel).(*types.Signature)
	if !ok || sig.Results().Len() < 2 || !analysisutil.IsError(sig.Results().At(sig.Results().Len()-1).Type()) {
		return false
	}
	for _, prefix := range streamReads {
		if strings.HasPrefix(sel.Sel.Name, prefix) {
			return true
		}
	}
	return false
}

// endless reports whether loop is a for loop without a condition, which
// reads until its input ends. A read inside a loop over a list is one per
// element: the list decides.
func endless(loop ast.Node) bool {
	f, ok := loop.(*ast.ForStmt)
	return ok && f.Cond == nil
}

// sameFunc reports whether cur's innermost enclosing function is fn.
func sameFunc(cur, fn inspector.Cursor) bool {
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return f == fn
	}
	return false
}

// isWorkItem reports whether values of t are items of work, not ticks,
// signals or connections (one goroutine per connection is the accept
// idiom) nor parts of a cluster (a *Node: as many as the deployment has).
func isWorkItem(t types.Type) bool {
	if analysisutil.IsNamed(t, "time", "Time") || infraType(t) {
		return false
	}
	if s, ok := t.Underlying().(*types.Struct); ok && s.NumFields() == 0 {
		return false
	}
	if _, ok := t.Underlying().(*types.Basic); ok && types.Identical(t.Underlying(), types.Typ[types.Bool]) {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "RemoteAddr")
	_, isMethod := obj.(*types.Func)
	return !isMethod
}

// uses reports whether n mentions v.
func (c *checker) uses(n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// assignments returns the values assigned to the local v within fn (nil
// for one it cannot see, such as a multi-value call or an address taken).
func (c *checker) assignments(fn inspector.Cursor, v *types.Var) []ast.Expr {
	var values []ast.Expr
	info := c.pass.TypesInfo
	for cur := range fn.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if !c.isVar(lhs, v) {
					continue
				}
				if len(n.Lhs) == len(n.Rhs) && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
					values = append(values, n.Rhs[i])
				} else {
					values = append(values, nil)
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if info.Defs[name] != v {
					continue
				}
				if len(n.Values) == len(n.Names) {
					values = append(values, n.Values[i])
				} else {
					values = append(values, nil)
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && c.isVar(n.X, v) {
				values = append(values, nil)
			}
		case *ast.RangeStmt:
			if c.isVar(n.Key, v) || c.isVar(n.Value, v) {
				values = append(values, nil)
			}
		}
	}
	return values
}

// name renders x for a message, shortened when long.
func (c *checker) name(x ast.Expr) string {
	s := analysisutil.ExprString(c.pass.Fset, x)
	if len(s) > 60 {
		if sel, ok := ast.Unparen(x).(*ast.SelectorExpr); ok {
			return "…." + sel.Sel.Name
		}
		return "the range operand"
	}
	return s
}
