package blocking

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/conclint/conclint/internal/analysisutil"
)

// memoizes reports whether a function keeps what it fetched in a place
// that outlives the call (a field or a package-level variable) and
// returns it from there once it is set: it first returns early when the
// place is filled (if c.zones != nil { return c.zones }, or v, ok :=
// c.cache[k]; if ok { return v }) and later assigns to that place. Only
// its first call makes the round trip, so its calls are not worth
// overlapping with another request (Fact.Costly); they still do I/O.
func memoizes(info *types.Info, body *ast.BlockStmt) bool {
	for i, stmt := range body.List {
		place := cacheGuard(info, body.List, i, stmt)
		if place == nil {
			continue
		}
		for _, later := range body.List[i+1:] {
			if assignsTo(info, later, place) {
				return true
			}
		}
	}
	return false
}

// cacheGuard returns the lasting place whose filled state makes stmt
// return early, or nil: stmt is an if statement whose body ends in a
// return and whose condition tests the place (X != nil, len(X) > 0, a
// bool X) or the ok of a map lookup in it (in the if's init or in the
// statement before).
func cacheGuard(info *types.Info, list []ast.Stmt, i int, stmt ast.Stmt) types.Object {
	ifs, ok := stmt.(*ast.IfStmt)
	if !ok || ifs.Else != nil || len(ifs.Body.List) == 0 {
		return nil
	}
	if _, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); !ok {
		return nil
	}
	if found, isIdent := ifs.Cond.(*ast.Ident); isIdent {
		init := ifs.Init
		if init == nil && i > 0 {
			init = list[i-1]
		}
		if m := lookupOK(info, init, found); m != nil {
			return m
		}
	}
	switch cond := ast.Unparen(ifs.Cond).(type) {
	case *ast.BinaryExpr:
		x := cond.X
		if call, ok := ast.Unparen(x).(*ast.CallExpr); ok && len(call.Args) == 1 {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "len" && (cond.Op == token.GTR || cond.Op == token.NEQ) {
				return lastingPlace(info, call.Args[0])
			}
		}
		if cond.Op == token.NEQ && isNil(info, cond.Y) {
			return lastingPlace(info, x)
		}
	case *ast.SelectorExpr, *ast.Ident:
		if t := info.TypeOf(cond); t != nil && isBool(t) {
			return lastingPlace(info, cond)
		}
	}
	return nil
}

// lookupOK returns the lasting map that stmt looks found up in (v, found
// := m[k]), or nil.
func lookupOK(info *types.Info, stmt ast.Stmt, found *ast.Ident) types.Object {
	ok, m := analysisutil.MapLookup(info, stmt)
	if ok == nil || ok != info.ObjectOf(found) {
		return nil
	}
	return lastingPlace(info, m)
}

// lastingPlace returns the variable e names when it outlives a call: a
// field (c.zones, c.cfg.zones) or a package-level variable; else nil.
func lastingPlace(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		if obj := info.ObjectOf(e.Sel); analysisutil.Lasting(obj) {
			return obj // c.zones, pkg.Var
		}
	case *ast.Ident:
		if v, ok := info.ObjectOf(e).(*types.Var); ok && analysisutil.PackageLevel(v) {
			return v
		}
	}
	return nil
}

// assignsTo reports whether stmt, at any depth, assigns to place or to
// an element of it (place = v, place[k] = v).
func assignsTo(info *types.Info, stmt ast.Stmt, place types.Object) bool {
	found := false
	ast.Inspect(stmt, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if found || !ok {
			return !found
		}
		for _, lhs := range as.Lhs {
			if index, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok {
				lhs = index.X
			}
			if lastingPlace(info, lhs) == place {
				found = true
			}
		}
		return !found
	})
	return found
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}
