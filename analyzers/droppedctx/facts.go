package droppedctx

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
	"github.com/conclint/conclint/internal/flow"
	"github.com/conclint/conclint/internal/scope"
)

// dropsFact marks a function that takes no context but, itself or through
// its callees, starts a root context or calls a non-context variant.
type dropsFact struct {
	Cause  string // what drops the context: "context.Background", "DB.Query"
	Where  string // "store.go:88"
	Via    string // the first callee on the way there, if not direct
	Depth  int    // 1 when the function itself drops it
	Param  int    // 1 + the index of the parameter whose method drops it (conn.Handshake()), or 0
	Module string // the module of the function: facts do not cross modules
}

// maxDepth bounds how far a drop propagates up the call graph. Evidence
// decays with distance: deep chains mostly end in deliberate detachment
// (a client's background refresh, a one-time resource probe).
const maxDepth = 2

func (*dropsFact) AFact() {}

func (f *dropsFact) String() string {
	return fmt.Sprintf("drops context: calls %s (%s)%s", f.Cause, f.Where, f.via())
}

// rootContext reports whether the drop is a root context started inside
// (context.Background or TODO), not a call that ignores one.
func (f *dropsFact) rootContext() bool { return strings.HasPrefix(f.Cause, "context.") }

func (f *dropsFact) via() string {
	if f.Via == "" {
		return ""
	}
	return " through " + f.Via
}

// computeFacts finds this package's functions that drop a context they
// were never given, to a fixpoint over local calls, and exports them.
func (c *checker) computeFacts(insp *inspector.Inspector) {
	type candidate struct {
		fn      *types.Func
		callees []*types.Func // local callees, in call order
		fixed   bool          // fixedByInterface: never drops (asked only once it would)
	}
	var cands []*candidate
	c.drops = make(map[*types.Func]*dropsFact)
	if analysisutil.IsStd(c.pass) {
		return // the standard library's root contexts are design; its droppable calls are catalogued
	}
	if c.contextFreeByDesign() {
		return
	}
	detached := c.calledDetached(insp)
	for fcur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := fcur.Node().(*ast.FuncDecl)
		fn, _ := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if fn == nil || decl.Body == nil || !c.takesNoContext(decl) || isEntryPoint(decl) || isConstructor(fn) || !c.opts.Logging && catalog.IsLogging(fn) {
			continue
		}
		if !c.opts.Tests && strings.HasSuffix(c.pass.Fset.File(decl.Pos()).Name(), "_test.go") {
			continue
		}
		cand := &candidate{fn: fn}
		fcur.Inspect([]ast.Node{(*ast.CallExpr)(nil), (*ast.FuncLit)(nil), (*ast.GoStmt)(nil), (*ast.DeferStmt)(nil)},
			func(cur inspector.Cursor) bool {
				call, ok := cur.Node().(*ast.CallExpr)
				if !ok {
					return cur.Node() == decl // descend only into the declaration itself
				}
				if c.drops[fn] == nil {
					if f := c.directDrop(cur, call, &cand.callees); f != nil && !(detached[fn] && f.rootContext()) {
						c.drops[fn] = f
					}
				}
				return true
			})
		// fixedByInterface indexes the methods of every imported
		// interface: ask it only of a function that drops a context.
		if c.drops[fn] != nil && c.fixedByInterface(fn) {
			delete(c.drops, fn)
			continue
		}
		cands = append(cands, cand)
	}
	for changed := true; changed; {
		changed = false
		for _, cand := range cands {
			if cand.fixed || c.drops[cand.fn] != nil {
				continue
			}
			for _, callee := range cand.callees {
				if f := c.drops[callee]; f != nil && f.Depth < maxDepth && !(detached[cand.fn] && f.rootContext()) {
					if c.fixedByInterface(cand.fn) {
						cand.fixed = true
						break
					}
					c.drops[cand.fn] = &dropsFact{Cause: f.Cause, Where: f.Where, Via: analysisutil.DisplayName(callee), Depth: f.Depth + 1}
					changed = true
					break
				}
			}
		}
	}
	for _, cand := range cands {
		if f := c.drops[cand.fn]; f != nil && cand.fn.Exported() { // other packages can call no other
			f.Module = c.module()
			c.pass.ExportObjectFact(cand.fn, f)
		}
	}
}

// A package whose round trips take no context as a rule (a storage layer
// written without contexts) made that choice once: its callers cannot
// fix a drop at their call site, and a report per call restates one
// design decision hundreds of times. The rule: at least minDesignFuncs
// of its functions make a round trip, and fewer than one in ten of them
// takes a context. A package that mostly passes contexts keeps its
// drops: there the one that does not is the mistake.
const minDesignFuncs = 8

// contextFreeByDesign reports whether this package's round trips take no
// context as a rule (see minDesignFuncs).
func (c *checker) contextFreeByDesign() bool {
	total, withCtx := 0, 0
	for fn, decl := range c.decls {
		if f := c.blocking.FactOf(fn); f == nil || f.IO == nil || strings.HasSuffix(c.pass.Fset.File(decl.Pos()).Name(), "_test.go") {
			continue
		}
		total++
		if !c.takesNoContext(decl) {
			withCtx++
		}
	}
	return total >= minDesignFuncs && withCtx*10 < total
}

// calledDetached returns this package's functions that are also called
// where the context in scope is deliberately left behind: after it is
// done (a final flush after the serve loop) or in code that runs apart
// from it (a time.AfterFunc callback, a goroutine nobody joins). Such a
// function must work without its caller's context, so a root context it
// starts is its design, whoever else calls it; a call in it that ignores
// a context (http.Get) is still a drop.
func (c *checker) calledDetached(insp *inspector.Inspector) map[*types.Func]bool {
	detached := make(map[*types.Func]bool)
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		fn := analysisutil.Callee(c.pass.TypesInfo, cur.Node().(*ast.CallExpr))
		if fn == nil || fn.Pkg() != c.pass.Pkg || detached[fn.Origin()] {
			continue
		}
		if decl := c.decls[fn.Origin()]; decl == nil || !c.takesNoContext(decl) {
			continue // no candidate for a fact: spare the scope lookups below
		}
		if src, ok := c.scope.Context(cur, c.opts.Tests); ok && c.scope.Cancellable(src) && (c.scope.KnownDone(cur) || c.scope.RunsApartUnjoined(cur, src)) {
			detached[fn.Origin()] = true
		}
	}
	return detached
}

// directDrop returns the fact that a call in a context-free function
// establishes by itself, or nil; calls of local functions are collected
// for the fixpoint.
func (c *checker) directDrop(cur inspector.Cursor, call *ast.CallExpr, local *[]*types.Func) *dropsFact {
	fn := analysisutil.Callee(c.pass.TypesInfo, call)
	if fn == nil {
		return nil
	}
	where := analysisutil.Position(c.pass.Fset, call.Pos())
	switch {
	case isRootContext(fn):
		if c.scope.KnownDone(cur) || c.escapes(cur) || c.saysDetached(cur) || freshDeadline(c.pass.TypesInfo, cur) || !c.reachesWait(cur) {
			return nil
		}
		return &dropsFact{Cause: "context." + fn.Name(), Where: where, Depth: 1}
	case c.hasVariant(fn):
		if c.requestEscapes(cur, fn) || c.boundedShort(cur, call, fn) {
			return nil
		}
		return &dropsFact{Cause: analysisutil.DisplayName(fn), Where: where, Depth: 1, Param: c.receiverParam(cur, call)}
	case fn.Pkg() == c.pass.Pkg:
		*local = append(*local, fn.Origin())
	default:
		if f := c.factOf(fn); f != nil && f.Depth < maxDepth && !c.argBounded(cur, call, f) {
			return &dropsFact{Cause: f.Cause, Where: f.Where, Via: analysisutil.DisplayName(fn), Depth: f.Depth + 1}
		}
	}
	return nil
}

// freshDeadline reports whether the root context at cur is the parent of
// a context.WithTimeout or WithDeadline: a function that takes no context
// and bounds its own work so (a best-effort unlock that must still run
// after its caller's context is done) chose to outlive that context.
func freshDeadline(info *types.Info, cur inspector.Cursor) bool {
	parent, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok || len(parent.Args) == 0 || parent.Args[0] != cur.Node() {
		return false
	}
	return analysisutil.IsFunc(analysisutil.Callee(info, parent), "context", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause")
}

// copiesDeadline reports whether the root context at cur is the parent of
// a context.WithDeadline or WithTimeout whose deadline is computed from a
// context's Deadline(): its author kept that context's timing and left its
// cancellation on purpose (a side context that must fire on its own, in a
// select that also watches the context in scope).
func copiesDeadline(info *types.Info, cur inspector.Cursor) bool {
	if !freshDeadline(info, cur) {
		return false
	}
	parent := cur.Parent().Node().(*ast.CallExpr)
	return len(parent.Args) == 2 && fromDeadline(info, analysisutil.EnclosingFunc(cur), parent.Args[1], 3)
}

// fromDeadline reports whether the value of e comes from a context's
// Deadline(): through local variables (flow.Origins) and up to depth calls
// on or with such a value (deadline.Add(-time.Second)).
func fromDeadline(info *types.Info, region inspector.Cursor, e ast.Expr, depth int) bool {
	found := false
	flow.Origins(info, region, e, func(o flow.Origin) bool {
		if o.Kind != flow.Result || depth == 0 {
			return true
		}
		operands := o.Call.Args
		if sel, ok := ast.Unparen(o.Call.Fun).(*ast.SelectorExpr); ok {
			if sel.Sel.Name == "Deadline" && analysisutil.IsContext(info.TypeOf(sel.X)) {
				found = true
				return false
			}
			operands = append([]ast.Expr{sel.X}, operands...)
		}
		for _, x := range operands {
			if fromDeadline(info, region, x, depth-1) {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

// receiverParam returns 1 + the index of the parameter of the function
// enclosing cur that call's receiver names, or 0.
func (c *checker) receiverParam(cur inspector.Cursor, call *ast.CallExpr) int {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	decl, isDecl := analysisutil.EnclosingFunc(cur).Node().(*ast.FuncDecl)
	if !ok || !isDecl {
		return 0
	}
	recv := analysisutil.ObjectOf(c.pass.TypesInfo, sel.X)
	i := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			i++
			if recv != nil && c.pass.TypesInfo.Defs[name] == recv {
				return i
			}
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return 0
}

// argBounded reports whether the call at cur hands the callee, whose
// drop is a method of one of its parameters, a connection given a
// deadline before (deadlineSet).
func (c *checker) argBounded(cur inspector.Cursor, call *ast.CallExpr, f *dropsFact) bool {
	return f.Param > 0 && f.Param <= len(call.Args) && c.deadlineSet(cur, call.Args[f.Param-1])
}

func (c *checker) hasVariant(fn *types.Func) bool {
	_, ok := c.variant(fn)
	return ok
}

// takesNoContext reports whether a declared function has no parameter that
// is a context or carries one, even an unnamed one.
func (c *checker) takesNoContext(decl *ast.FuncDecl) bool {
	for _, field := range decl.Type.Params.List {
		t := c.pass.TypesInfo.TypeOf(field.Type)
		if s, ok := t.(*types.Slice); ok {
			t = s.Elem() // an optional context: f(x, ctxs ...context.Context)
		}
		if t != nil && scope.IsCarrier(t) {
			return false
		}
	}
	return true
}

// factOf returns the drop fact of fn, from this package or an import.
func (c *checker) factOf(fn *types.Func) *dropsFact {
	fn = fn.Origin()
	if !c.opts.Logging && catalog.IsLogging(fn) {
		return nil
	}
	if fn.Pkg() == c.pass.Pkg {
		return c.drops[fn]
	}
	f := new(dropsFact)
	if fn.Pkg() != nil && c.pass.ImportObjectFact(fn, f) && f.Module == c.module() {
		return f
	}
	return nil // another module's drops are its authors' to fix; the catalogue covers the known ones
}

// module returns the path of the module being analyzed, "" when unknown.
func (c *checker) module() string {
	if c.pass.Module == nil {
		return ""
	}
	return c.pass.Module.Path
}

// isEntryPoint reports whether decl is main or init, which nobody calls.
func isEntryPoint(decl *ast.FuncDecl) bool {
	return decl.Recv == nil && (decl.Name.Name == "main" || decl.Name.Name == "init")
}

// isConstructor reports whether fn builds a value that outlives the call
// (NewClient, MustConnect, initManager, resource.Default): a context it drops inside
// belongs to that value.
// Builders whose result takes a context later (http.NewRequest and its
// WithContext) are not constructors here; requestEscapes handles them.
func isConstructor(fn *types.Func) bool {
	name := fn.Name()
	for _, p := range []string{"New", "new", "Must", "must", "Init", "init", "Default"} {
		if strings.HasPrefix(name, p) {
			res := fn.Type().(*types.Signature).Results()
			return res.Len() == 0 || !hasMethod(res.At(0).Type(), "WithContext")
		}
	}
	return false
}
