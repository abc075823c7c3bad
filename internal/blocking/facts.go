package blocking

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/locks"
)

// Fact is what a function does that its callers, in any package, need to
// know: whether it waits or blocks, and which locks it takes or releases.
type Fact struct {
	// Waits is set when the function takes no context and can wait
	// indefinitely with nothing to interrupt it (see Info.IgnoresCancel).
	Waits *Cause
	// Blocks is set when the function waits for I/O, the clock or other
	// goroutines (see Info.Blocks).
	Blocks *Cause
	// IO is set when the function makes a network or database round trip,
	// itself or through its callees (see Info.DoesIO).
	IO *Cause
	// Costly is set when the function makes a costly round trip, itself
	// or through its callees: a request to another service or a query
	// that reads a whole table (see Info.Costly).
	Costly *Cause
	// Bounded is set when the function waits in a select that a context or
	// a timer ends, itself or through its callees (see Info.WaitsBounded):
	// a wait that Blocks leaves out, but that lasts as long as its context.
	Bounded *Cause
	// Locks are the mutexes, on the receiver or package-level, that it
	// acquires itself or through methods of its receiver.
	Locks []locks.Use
	// Unlocks are the mutexes it releases without acquiring them first:
	// its caller holds them.
	Unlocks []locks.Use
	// Op is set when the function only locks or unlocks one mutex (a lock
	// wrapper, func (c *C) lock() { c.mu.Lock() }): calls of it are lock
	// operations (see Info.LockCall).
	Op *locks.WrappedOp
	// LocksIf are the mutexes it locks only when a bool parameter says so
	// (if needLock { c.mu.Lock() }).
	LocksIf []locks.CondLock
	// CallsParams has bit i set when the function calls its parameter i,
	// a function, in its own body (not in a goroutine, a defer or a
	// function literal), itself or by passing it to a function that does:
	// what a function literal given there does, its caller does (see
	// Info.DoesIO).
	CallsParams uint32
}

func (f *Fact) String() string {
	var parts []string
	for i := range 32 {
		if f.CallsParams&(1<<i) != 0 {
			parts = append(parts, fmt.Sprintf("calls param %d", i))
		}
	}
	if f.Waits != nil {
		parts = append(parts, "waits: "+f.Waits.String())
	}
	if f.Blocks != nil {
		parts = append(parts, "blocks: "+f.Blocks.String())
	}
	if f.IO != nil {
		parts = append(parts, "io: "+f.IO.String())
	}
	if f.Costly != nil {
		parts = append(parts, "costly: "+f.Costly.String())
	}
	if f.Bounded != nil {
		parts = append(parts, "bounded wait: "+f.Bounded.String())
	}
	for _, u := range f.Locks {
		verb := "rlocks "
		if u.Write {
			verb = "locks "
		}
		parts = append(parts, verb+u.Name())
	}
	for _, u := range f.Unlocks {
		parts = append(parts, "unlocks "+u.Name())
	}
	if f.Op != nil {
		verb := "unlock"
		if f.Op.Acquire {
			verb = "lock"
		}
		parts = append(parts, "is "+verb+" of "+f.Op.Use.Name())
	}
	for _, c := range f.LocksIf {
		parts = append(parts, fmt.Sprintf("locks %s if param %d is %v", c.Use.Name(), c.Param, c.When))
	}
	return strings.Join(parts, "; ")
}

// MayWait reports whether the fact says the function does I/O, blocks or
// waits, with or without a context to end it; false for no fact.
func (f *Fact) MayWait() bool {
	return f != nil && (f.Blocks != nil || f.IO != nil || f.Bounded != nil || f.Waits != nil)
}

func (f *Fact) empty() bool {
	return f.Waits == nil && f.Blocks == nil && f.IO == nil && f.Costly == nil && f.Bounded == nil && len(f.Locks) == 0 && len(f.Unlocks) == 0 &&
		f.Op == nil && len(f.LocksIf) == 0 && f.CallsParams == 0
}

// maxLockUses and maxPathDepth bound the lock sets, which grow through
// calls on fields (c.next.Get() in a list would never converge).
const (
	maxLockUses  = 8
	maxPathDepth = 3
)

type declared struct {
	fn    *types.Func
	recv  *types.Var
	noCtx bool // may carry a Waits fact
	memo  bool // serves what it fetched from a field once set: not Costly (see memoizes)
	sites []Site
	fact  *Fact
	body  *ast.BlockStmt
	held  map[locks.Use]bool // released before acquired (Write and Where cleared): the caller holds them
}

// computeFacts derives the facts of this package's functions, to a
// fixpoint over calls between them, and exports the non-empty ones.
func (in *Info) computeFacts(insp *inspector.Inspector) {
	in.findWrappers(insp) // first: the other facts see calls of wrappers as lock operations
	var decls []*declared
	var curs []inspector.Cursor
	byFn := make(map[*types.Func]*declared)
	for fcur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := fcur.Node().(*ast.FuncDecl)
		fn, _ := in.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if fn == nil || decl.Body == nil || in.isTestFile(decl) {
			continue
		}
		d := &declared{fn: fn, recv: fn.Signature().Recv(), fact: new(Fact), body: decl.Body, held: make(map[locks.Use]bool)}
		in.facts[fn] = d.fact
		byFn[fn] = d
		decls = append(decls, d)
		curs = append(curs, fcur)
	}
	in.findCallsParams(decls, curs) // before the sites: a call's literal arguments are its work when the callee calls them
	in.passed = in.findPassedLits(insp)
	for i, d := range decls {
		fcur, decl := curs[i], curs[i].Node().(*ast.FuncDecl)
		d.sites = in.Sites(fcur)
		d.noCtx = !takesContext(d.fn.Signature()) && !(decl.Recv == nil && (d.fn.Name() == "main" || d.fn.Name() == "init"))
		d.memo = memoizes(in.pass.TypesInfo, decl.Body)
		for _, s := range d.sites {
			if s.Kind != Call {
				in.addCause(d, s)
			}
		}
		d.fact.Op = in.wrapped[d.fn]
		in.directLocks(fcur, d)
	}
	impls := in.findImpls(byFn)
	for changed := true; changed; {
		changed = false
		for _, d := range decls {
			for _, s := range d.sites {
				if s.Kind == Call && in.addCause(d, s) {
					changed = true
				}
				if s.Kind == Call && in.addCalleeLocks(d, s) {
					changed = true
				}
			}
		}
		if in.implFacts(impls) {
			changed = true
		}
	}
	exported := make(map[string]*Fact)
	for _, d := range decls {
		if !d.fact.empty() && d.fn.Exported() { // other packages can call no other
			if key, ok := factKey(d.fn); ok {
				exported[key] = d.fact
			}
		}
	}
	if len(exported) > 0 {
		table := newPackageFacts(exported)
		in.pass.ExportPackageFact(table)
		in.exported = table
	}
}

// addCause records s as the function's first Waits or Blocks cause.
func (in *Info) addCause(d *declared, s Site) bool {
	changed := false
	if d.noCtx && d.fact.Waits == nil {
		if c, ok := in.IgnoresCancel(s); ok {
			if d.fact.Waits = in.seenFrom(c, s); d.fact.Waits != nil {
				changed = true
			}
		}
	}
	if d.fact.Blocks == nil {
		if c, ok := in.Blocks(s); ok {
			if d.fact.Blocks = in.seenFrom(c, s); d.fact.Blocks != nil {
				changed = true
			}
		}
	}
	if d.fact.IO == nil {
		if c, ok := in.DoesIO(s); ok {
			if d.fact.IO = in.seenFrom(c, s); d.fact.IO != nil {
				changed = true
			}
		}
	}
	if d.fact.Costly == nil && !d.memo {
		if c, ok := in.Costly(s); ok {
			if d.fact.Costly = in.seenFrom(c, s); d.fact.Costly != nil {
				changed = true
			}
		}
	}
	if d.fact.Bounded == nil {
		if c, ok := in.WaitsBounded(s); ok {
			if d.fact.Bounded = in.seenFrom(c, s); d.fact.Bounded != nil {
				changed = true
			}
		}
	}
	return changed
}

// seenFrom is the cause of a site as the enclosing function's fact
// records it: a call's cause is found through the callee.
func (in *Info) seenFrom(c *Cause, s Site) *Cause {
	if s.Kind == Call {
		return via(c, s)
	}
	return c
}

// directLocks records the lock operations in the function's own body on
// its receiver's fields or on package-level variables.
func (in *Info) directLocks(fcur inspector.Cursor, d *declared) {
	acquired := make(map[locks.Key]bool)
	expectsHeld := make(map[locks.Key]bool) // released before any acquire: the caller holds it
	for _, cur := range in.calls(fcur) {
		op, ok := in.LockCall(cur.Node().(*ast.CallExpr))
		if !ok {
			continue
		}
		use, ok := in.useOf(d, op.Lock.Key, op.Write, cur.Node())
		if !ok {
			continue
		}
		switch {
		case op.Acquire:
			acquired[op.Lock.Key] = true
			// Unlock-then-relock hands the lock back; a lock taken only on
			// some path (if needLock { mu.Lock() }) may be the caller's.
			switch {
			case expectsHeld[op.Lock.Key]:
			case unconditional(cur, d.body):
				if guard, ok := in.earlyGuard(cur, d); ok {
					guard.Use = use
					d.fact.LocksIf = append(d.fact.LocksIf, guard)
				} else {
					d.fact.Locks = addUse(d.fact.Locks, use)
				}
			default:
				if c, ok := in.condLock(cur, d, use); ok {
					d.fact.LocksIf = append(d.fact.LocksIf, c)
				}
			}
		case !acquired[op.Lock.Key]:
			expectsHeld[op.Lock.Key] = true
			d.held[locks.Use{Global: use.Global, Path: use.Path}] = true
			d.fact.Unlocks = addUse(d.fact.Unlocks, use)
		}
	}
}

// addCalleeLocks adds the locks that a call on the receiver (or a field
// of it) takes, as seen from the receiver.
func (in *Info) addCalleeLocks(d *declared, s Site) bool {
	f := in.FactOf(s.Callee)
	if f == nil {
		return false
	}
	sel, _ := ast.Unparen(s.Cursor.Node().(*ast.CallExpr).Fun).(*ast.SelectorExpr)
	changed := false
	for _, callee := range f.Unlocks { // releasing the caller's lock passes up: helpers of unlock-then-relock helpers
		if sel == nil && !callee.Global {
			continue
		}
		key, ok := locks.Rebase(in.pass.TypesInfo, callee, sel)
		if !ok {
			continue
		}
		use, ok := in.useOf(d, key, callee.Write, s.Cursor.Node())
		if !ok || slices.ContainsFunc(d.fact.Locks, func(x locks.Use) bool { return x.Global == use.Global && x.Path == use.Path }) {
			continue
		}
		if n := len(d.fact.Unlocks); len(addUse(d.fact.Unlocks, use)) != n {
			d.fact.Unlocks = addUse(d.fact.Unlocks, use)
			d.held[locks.Use{Global: use.Global, Path: use.Path}] = true
			changed = true
		}
	}
	for _, callee := range in.CallLocks(s.Cursor.Node().(*ast.CallExpr), f) {
		var key locks.Key
		switch {
		case callee.Global:
			key = locks.GlobalKey(callee.Path)
		case sel != nil:
			k, ok := locks.Rebase(in.pass.TypesInfo, callee, sel)
			if !ok {
				continue
			}
			key = k
		default:
			continue
		}
		use, ok := in.useOf(d, key, callee.Write, s.Cursor.Node())
		if !ok || strings.Count(use.Path, ".") > maxPathDepth || d.held[locks.Use{Global: use.Global, Path: use.Path}] || !unconditional(s.Cursor, d.body) {
			continue
		}
		use.Where = callee.Where
		if guard, ok := in.earlyGuard(s.Cursor, d); ok {
			guard.Use = use
			if !slices.Contains(d.fact.LocksIf, guard) {
				d.fact.LocksIf = append(d.fact.LocksIf, guard)
				changed = true
			}
			continue
		}
		if n := len(d.fact.Locks); len(addUse(d.fact.Locks, use)) != n {
			d.fact.Locks = addUse(d.fact.Locks, use)
			changed = true
		}
	}
	return changed
}

// unconditional reports whether the call at cur runs whenever the body
// runs to it: it sits in a statement of the body itself, not in a nested
// block, case or loop.
func unconditional(cur inspector.Cursor, body *ast.BlockStmt) bool {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.BlockStmt:
			return c.Node() == body
		case *ast.CaseClause, *ast.CommClause, *ast.FuncLit:
			return false
		}
	}
	return false
}

// useOf expresses a lock key relative to the function: a receiver field
// or a package-level variable; other locks are the function's own affair.
func (in *Info) useOf(d *declared, key locks.Key, write bool, at ast.Node) (locks.Use, bool) {
	return locks.UseOf(key, d.recv, write, analysisutil.Position(in.pass.Fset, at.Pos()))
}

func addUse(uses []locks.Use, u locks.Use) []locks.Use {
	if len(uses) >= maxLockUses || slices.ContainsFunc(uses, func(x locks.Use) bool { return x.Global == u.Global && x.Path == u.Path && x.Write == u.Write }) {
		return uses
	}
	return append(uses, u)
}

// calls returns the calls in the function's own body (nested function
// literals, go and defer statements excluded), in source order.
func (in *Info) calls(fcur inspector.Cursor) []inspector.Cursor {
	var out []inspector.Cursor
	fcur.Inspect([]ast.Node{(*ast.FuncLit)(nil), (*ast.GoStmt)(nil), (*ast.DeferStmt)(nil), (*ast.CallExpr)(nil)},
		func(cur inspector.Cursor) bool {
			switch cur.Node().(type) {
			case *ast.FuncLit:
				return cur == fcur
			case *ast.GoStmt, *ast.DeferStmt:
				return false
			}
			out = append(out, cur)
			return true
		})
	return out
}
