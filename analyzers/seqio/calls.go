package seqio

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/catalog"
)

// An ioCall is a round trip made as a statement of its own block.
type ioCall struct {
	call   *ast.CallExpr // the round trip
	outer  *ast.CallExpr // the statement's call: call, or the Scan of a QueryRow
	callee *types.Func
	name   string     // "GetUser"
	stmt   ast.Stmt   // the statement in its block
	list   []ast.Stmt // the block's statements
	index  int        // of stmt in list
	ssa    *boundCall // set by bind
	// cost is set when the call is a costly round trip on evidence (a
	// request to another service, a whole-table query): see Info.Costly.
	cost *blocking.Cause
}

// ioCalls returns the function's round trips that are reads, made as
// statements of their own (v, err := call(…), call(…), if-init, return),
// in source order, and the positions of the other round trips: a write
// between two reads orders them.
func (a *analyzer) ioCalls(fcur inspector.Cursor) (calls []*ioCall, barriers []token.Pos) {
	seen := make(map[*ast.CallExpr]bool)
	for _, site := range a.bl.Sites(fcur) {
		if site.Callee == nil || (site.Kind != blocking.NetworkIO && site.Kind != blocking.Call) {
			continue
		}
		if !a.roundTrip(site) {
			if site.Kind == blocking.Call && a.mayWrite(site.Callee) {
				barriers = append(barriers, site.Cursor.Node().Pos())
			}
			continue
		}
		barriers = append(barriers, site.Cursor.Node().Pos())
		c := &ioCall{call: site.Cursor.Node().(*ast.CallExpr), callee: site.Callee, name: site.Callee.Name()}
		if what := analysisutil.ExprString(a.pass.Fset, c.call.Fun); len(what) <= 40 && !strings.Contains(what, "\n") {
			c.name = what // h.users.GetUser
		}
		c.outer = c.call
		c.cost, _ = a.bl.Costly(site)
		cur := site.Cursor
		if scan, ok := rowScan(a.pass.TypesInfo, cur); ok {
			c.outer, cur = scan.Node().(*ast.CallExpr), scan
		} else if !hasData(site.Callee) {
			continue // an ordering barrier, or a fill through a pointer
		}
		if seen[c.outer] || !(a.readName(site.Callee.Name()) || isRequest(site.Callee)) || !a.statementOf(cur, c) {
			continue
		}
		seen[c.outer] = true
		barriers = barriers[:len(barriers)-1]
		calls = append(calls, c)
	}
	return calls, barriers
}

// roundTrip reports whether site is a network or database round trip on
// evidence: listed in the catalogue, making one through its callees (a
// costly one included, such as a cloud SDK's request), or a
// context-taking, error-returning method of an interface.
func (a *analyzer) roundTrip(site blocking.Site) bool {
	fn := site.Callee
	if catalog.IsStream(fn) || analysisutil.IsMethod(fn, "database/sql", "Row", "Scan") ||
		analysisutil.IsMethod(fn, "database/sql", "Rows", "Next", "NextResultSet", "Scan", "Close", "Err") {
		return false // the query's own continuation
	}
	if site.Kind == blocking.NetworkIO {
		return true
	}
	if cause, ok := a.bl.DoesIO(site); ok {
		return !cause.Stream
	}
	if _, ok := a.bl.Costly(site); ok {
		return true // a cloud SDK's request, which no I/O fact shows
	}
	return interfaceIO(fn)
}

// mayWrite reports whether fn takes a context and is a write by name
// (InsertProtectedTag): a write whose round trip the I/O facts may not
// see (one made through an interface), which orders the reads around it.
func (a *analyzer) mayWrite(fn *types.Func) bool {
	if fn.Pkg() == nil || fn.Pkg().Path() == "context" || catalog.IsLogging(fn) || !a.writeName(fn.Name()) {
		return false
	}
	for p := range fn.Type().(*types.Signature).Params().Variables() {
		if analysisutil.IsContext(p.Type()) {
			return true
		}
	}
	return false
}

// interfaceIO reports whether fn is a method of an interface that takes a
// context and returns an error: a store or a client.
func interfaceIO(fn *types.Func) bool {
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) {
		return false
	}
	res := sig.Results()
	if res.Len() == 0 || !analysisutil.IsError(res.At(res.Len()-1).Type()) {
		return false
	}
	for p := range sig.Params().Variables() {
		if analysisutil.IsContext(p.Type()) {
			return true
		}
	}
	return false
}

// hasData reports whether fn returns something besides an error.
func hasData(fn *types.Func) bool {
	for r := range fn.Type().(*types.Signature).Results().Variables() {
		if !analysisutil.IsError(r.Type()) {
			return true
		}
	}
	return false
}

// rowScan returns the call q(…).Scan(…) when the call at cur is a query
// whose *sql.Row is scanned at once.
func rowScan(info *types.Info, cur inspector.Cursor) (inspector.Cursor, bool) {
	sel, ok := cur.Parent().Node().(*ast.SelectorExpr)
	if !ok || sel.X != cur.Node() {
		return inspector.Cursor{}, false
	}
	scan := cur.Parent().Parent()
	call, ok := scan.Node().(*ast.CallExpr)
	if !ok || call.Fun != sel || !analysisutil.IsMethod(analysisutil.Callee(info, call), "database/sql", "Row", "Scan") {
		return inspector.Cursor{}, false
	}
	return scan, true
}

// statementOf fills in the statement that cur (the outer call) makes on
// its own, and its place in its block; false when the call is part of a
// larger expression or not a statement of a block.
func (a *analyzer) statementOf(cur inspector.Cursor, c *ioCall) bool {
	call := c.outer
	parent := cur.Parent()
	var stmt inspector.Cursor
	switch p := parent.Node().(type) {
	case *ast.ExprStmt:
		stmt = parent
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 || p.Rhs[0] != call {
			return false
		}
		stmt = parent
		if ifs, ok := parent.Parent().Node().(*ast.IfStmt); ok {
			if ifs.Init != p {
				return false
			}
			stmt = parent.Parent()
		}
	case *ast.ReturnStmt:
		stmt = parent
	case *ast.ValueSpec:
		if len(p.Values) != 1 {
			return false
		}
		stmt = parent.Parent().Parent()
		if _, ok := stmt.Node().(*ast.DeclStmt); !ok {
			return false
		}
	default:
		return false
	}
	var list []ast.Stmt
	switch b := stmt.Parent().Node().(type) {
	case *ast.BlockStmt:
		list = b.List
	case *ast.CaseClause:
		list = b.Body
	case *ast.CommClause:
		list = b.Body
	default:
		return false
	}
	for i, s := range list {
		if s == stmt.Node() {
			c.stmt, c.list, c.index = s, list, i
			return true
		}
	}
	return false
}

// readName reports whether a call named name reads: its first word is a
// read verb, and neither it nor a word after Or or And is a write verb
// (GetOrCreate).
func (a *analyzer) readName(name string) bool {
	words := analysisutil.CamelWords(name)
	return len(words) > 0 && a.opts.Reads.set[words[0]] && !a.writeName(name)
}

// writeName reports whether a call named name writes: a write verb first,
// or after Or or And.
func (a *analyzer) writeName(name string) bool {
	words := analysisutil.CamelWords(name)
	if len(words) > 0 && a.opts.Writes.set[words[0]] {
		return true
	}
	for i := 1; i+1 < len(words); i++ {
		if (words[i] == "or" || words[i] == "and") && a.opts.Writes.set[words[i+1]] {
			return true
		}
	}
	return false
}
