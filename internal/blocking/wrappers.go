package blocking

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/locks"
)

// findWrappers records the package's lock wrappers: functions whose whole
// body is one Lock, RLock, Unlock or RUnlock of a receiver field or a
// package-level mutex.
func (in *Info) findWrappers(insp *inspector.Inspector) {
	in.wrapped = make(map[*types.Func]*locks.WrappedOp)
	for fcur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := fcur.Node().(*ast.FuncDecl)
		if decl.Body == nil || len(decl.Body.List) != 1 {
			continue
		}
		stmt, ok := decl.Body.List[0].(*ast.ExprStmt)
		if !ok {
			continue
		}
		call, ok := ast.Unparen(stmt.X).(*ast.CallExpr)
		if !ok {
			continue
		}
		fn, _ := in.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		op, ok := locks.SyncCall(in.pass.Fset, in.pass.TypesInfo, call)
		if fn == nil || !ok {
			continue
		}
		d := &declared{fn: fn, recv: fn.Signature().Recv()}
		if use, ok := in.useOf(d, op.Lock.Key, op.Write, call); ok {
			in.wrapped[fn] = &locks.WrappedOp{Use: use, Acquire: op.Acquire}
		}
	}
}

// condLock returns the lock use at cur as a CondLock when cur sits in an
// if statement of the body itself whose condition is a bool parameter or
// its negation: if needLock { c.mu.Lock() }.
func (in *Info) condLock(cur inspector.Cursor, d *declared, use locks.Use) (locks.CondLock, bool) {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		ifs, ok := c.Node().(*ast.IfStmt)
		if !ok {
			continue
		}
		if c.Parent().Node() != d.body || ifs.Init != nil {
			return locks.CondLock{}, false
		}
		cond, when := ast.Unparen(ifs.Cond), true
		if u, ok := cond.(*ast.UnaryExpr); ok && u.Op == token.NOT {
			cond, when = ast.Unparen(u.X), false
		}
		if !in.inThen(ifs, cur.Node()) {
			return locks.CondLock{}, false
		}
		i, ok := in.boolParam(d, cond)
		return locks.CondLock{Use: use, Param: i, When: when}, ok
	}
	return locks.CondLock{}, false
}

// earlyGuard returns the bool parameter that an early return before the
// statement of the body holding cur tests, as `if !create || err != nil
// { return nil, err }` does: what follows runs only when the parameter
// is when.
func (in *Info) earlyGuard(cur inspector.Cursor, d *declared) (locks.CondLock, bool) {
	var stmt ast.Node
	for c := cur; c.Node() != nil; c = c.Parent() {
		if c.Parent().Node() == d.body {
			stmt = c.Node()
			break
		}
	}
	for _, s := range d.body.List {
		if s == stmt || stmt == nil {
			break
		}
		ifs, ok := s.(*ast.IfStmt)
		if !ok || ifs.Else != nil || len(ifs.Body.List) == 0 {
			continue
		}
		if _, returns := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); !returns {
			continue
		}
		for _, term := range disjuncts(ifs.Cond) {
			when := false // if p || …, return: what follows runs when p is false
			if u, ok := term.(*ast.UnaryExpr); ok && u.Op == token.NOT {
				term, when = ast.Unparen(u.X), true
			}
			if i, ok := in.boolParam(d, term); ok && !in.assignedIn(d.body, d.fn.Signature().Params().At(i)) {
				return locks.CondLock{Param: i, When: when}, true
			}
		}
	}
	return locks.CondLock{}, false
}

// boolParam returns the index of the parameter of d that e names.
func (in *Info) boolParam(d *declared, e ast.Expr) (int, bool) {
	id, ok := e.(*ast.Ident)
	if !ok {
		return 0, false
	}
	params := d.fn.Signature().Params()
	for i := range params.Len() {
		if params.At(i) == in.pass.TypesInfo.Uses[id] {
			return i, true
		}
	}
	return 0, false
}

// disjuncts returns the operands of a chain of ||, unparenthesized.
func disjuncts(e ast.Expr) []ast.Expr {
	e = ast.Unparen(e)
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.LOR {
		return append(disjuncts(b.X), disjuncts(b.Y)...)
	}
	return []ast.Expr{e}
}

func (in *Info) inThen(ifs *ast.IfStmt, n ast.Node) bool {
	return ifs.Body.Pos() <= n.Pos() && n.End() <= ifs.Body.End()
}

// CallLocks returns the locks a call of a function with fact f takes: its
// Locks, and those of its LocksIf whose parameter the call sets to a
// constant that says so (c.count(true)).
func (in *Info) CallLocks(call *ast.CallExpr, f *Fact) []locks.Use {
	uses := f.Locks
	for _, c := range f.LocksIf {
		if c.Param >= len(call.Args) {
			continue
		}
		tv, ok := in.pass.TypesInfo.Types[call.Args[c.Param]]
		if ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value) == c.When {
			uses = append(slices.Clip(uses), c.Use)
		}
	}
	return uses
}
