package seqio

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// loops reports, with -seqio.loops, a read made once per element of a
// range loop whose iterations are independent: the result goes to the
// element's index or key, no iteration reads what another made, and
// nothing but an error leaves the loop early.
func (f *fnModel) loops(calls []*ioCall) {
	info := f.a.pass.TypesInfo
	f.fcur.Inspect([]ast.Node{(*ast.FuncLit)(nil), (*ast.RangeStmt)(nil)}, func(cur inspector.Cursor) bool {
		rs, ok := cur.Node().(*ast.RangeStmt)
		if !ok {
			return cur == f.fcur
		}
		if len(rs.Body.List) == 0 || !rangesOverElements(info.TypeOf(rs.X)) {
			return true
		}
		keys := rangeVars(info, rs)
		if len(keys) == 0 {
			return true
		}
		for _, c := range calls {
			if c == nil || len(c.list) == 0 || &c.list[0] != &rs.Body.List[0] {
				continue
			}
			if f.barrierIn(rs.Body) || !f.independentIterations(c, rs, keys) {
				return true
			}
			f.a.reporter.Report(analysis.Diagnostic{
				Pos: c.outer.Pos(), End: c.outer.End(), Category: ruleLoop,
				Message: fmt.Sprintf("one %s round trip per element of %s, one after another; fetch them concurrently with a bounded errgroup, or in one batched call",
					c.name, analysisutil.ExprString(f.a.pass.Fset, rs.X)),
			})
			return true // one finding per loop
		}
		return true
	})
}

// rangesOverElements reports whether a range over a value of type t
// visits elements: a slice, array or map.
func rangesOverElements(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch t.Underlying().(type) {
	case *types.Slice, *types.Array, *types.Map:
		return true
	}
	return false
}

// rangeVars returns the variables the range statement declares or sets.
func rangeVars(info *types.Info, rs *ast.RangeStmt) map[types.Object]bool {
	vars := make(map[types.Object]bool)
	for _, e := range []ast.Expr{rs.Key, rs.Value} {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			if obj := info.ObjectOf(id); obj != nil {
				vars[obj] = true
			}
		}
	}
	return vars
}

// barrierIn reports whether a round trip that is no read lies in body.
func (f *fnModel) barrierIn(body *ast.BlockStmt) bool {
	for _, pos := range f.barriers {
		if pos >= body.Pos() && pos < body.End() {
			return true
		}
	}
	return false
}

// independentIterations reports whether the iterations of rs only share
// what c reads: its result goes to an index or key of a range variable,
// its arguments depend on no earlier iteration, its receiver may serve
// them all at once, and only an error or continue leaves an iteration.
func (f *fnModel) independentIterations(c *ioCall, rs *ast.RangeStmt, keys map[types.Object]bool) bool {
	info := f.a.pass.TypesInfo
	as, ok := c.stmt.(*ast.AssignStmt)
	if !ok || len(as.Lhs) == 0 || !f.canShare(c, c) || f.dependsOn(c.ssa, c.ssa) {
		return false
	}
	x := &exitFinder{info: info, labels: make(map[string]bool)}
	x.list(rs.Body.List, false, false, true)
	if x.found {
		return false
	}
	if keyed(info, as.Lhs[0], keys) {
		return true
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok || id.Name == "_" {
		return false
	}
	v := info.ObjectOf(id)
	// Every other use of the result stores it at a key of the element.
	stored := false
	for use, obj := range info.Uses {
		if obj != v || use.Pos() < rs.Body.Pos() || use.Pos() >= rs.Body.End() {
			continue
		}
		if !storedAtKey(info, rs.Body, use, keys) {
			return false
		}
		stored = true
	}
	return stored
}

// keyed reports whether lhs is x[k], or a field of it, for a range variable k.
func keyed(info *types.Info, lhs ast.Expr, keys map[types.Object]bool) bool {
	for {
		switch e := ast.Unparen(lhs).(type) {
		case *ast.SelectorExpr:
			lhs = e.X
			continue
		case *ast.IndexExpr:
			id, ok := ast.Unparen(e.Index).(*ast.Ident)
			return ok && keys[info.ObjectOf(id)]
		}
		return false
	}
}

// storedAtKey reports whether the identifier use is the whole right-hand
// side of an assignment to a keyed element (out[i] = v).
func storedAtKey(info *types.Info, body *ast.BlockStmt, use *ast.Ident, keys map[types.Object]bool) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || found {
			return !found
		}
		for i, rhs := range as.Rhs {
			if ast.Unparen(rhs) == use && i < len(as.Lhs) && len(as.Lhs) == len(as.Rhs) && keyed(info, as.Lhs[i], keys) {
				found = true
			}
		}
		return true
	})
	return found
}
