package lockio

import (
	"go/ast"
	"go/token"
	"maps"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/directive"
	"github.com/conclint/conclint/internal/locks"
)

// heldLock is a mutex held at a point of the walk.
type heldLock struct {
	key      locks.Key
	name     string
	write    bool
	pos      token.Pos // of the Lock call
	deferred bool      // a deferred call unlocks it at the end of the function
	cond     bool      // held on some paths only: locked in a branch that defers the unlock
}

// held is the set of locks held on every path to a point. It is a must
// set: where paths disagree (a branch unlocks and falls through), the lock
// is dropped, so the walk stays silent rather than guess. One exception:
// a branch that locks and defers the unlock (if needLock { mu.Lock();
// defer mu.Unlock() }) holds it on its path to the end; such a lock is
// kept as cond, for the rules about what happens under it, but never for
// re-locking.
type held map[locks.Key]heldLock

// walker follows one function's statements in order.
type walker struct {
	opts     Options
	pass     *analysis.Pass
	bl       *blocking.Info
	reporter *directive.Reporter
	shared   *perPackage
	fcur     inspector.Cursor
	sites    []blocking.Site // sorted by position
	unsure   map[locks.Key]bool
}

// block walks stmts from state h. It returns the state at the end and
// whether control cannot fall through the end (return, panic, break…).
func (w *walker) block(stmts []ast.Stmt, h held) (held, bool) {
	for _, s := range stmts {
		var term bool
		if h, term = w.stmt(s, h); term {
			return h, true
		}
	}
	return h, false
}

func (w *walker) stmt(s ast.Stmt, h held) (held, bool) {
	switch s := s.(type) {
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
			if op, ok := w.bl.LockCall(call); ok {
				return w.lockOp(call, op, h), false
			}
			if isPanic(w.pass, call) {
				w.check(s, h)
				return h, true
			}
		}
		return w.check(s, h), false
	case *ast.DeferStmt:
		return w.deferUnlock(s, h), false // deferred calls do not run here
	case *ast.GoStmt, *ast.EmptyStmt:
		return h, false // nor do asynchronous ones
	case *ast.DeclStmt:
		return w.check(s, h), false
	case *ast.ReturnStmt:
		w.check(s, h)
		return h, true
	case *ast.BranchStmt:
		return h, s.Tok != token.FALLTHROUGH
	case *ast.LabeledStmt:
		return w.stmt(s.Stmt, h)
	case *ast.BlockStmt:
		return w.block(s.List, h)
	case *ast.IfStmt:
		h = w.checkNodes(h, s.Init, s.Cond)
		then, thenTerm := w.block(s.Body.List, h.clone())
		els, elsTerm := h, false
		if s.Else != nil {
			els, elsTerm = w.stmt(s.Else, h.clone())
		}
		return join(h, []held{then, els}, []bool{thenTerm, elsTerm})
	case *ast.ForStmt:
		h = w.checkNodes(h, s.Init, s.Cond)
		inner, _ := w.block(s.Body.List, h.clone())
		w.checkNodes(inner, s.Post)
		return w.afterLoop(h, s.Body), false
	case *ast.RangeStmt:
		h = w.checkNodes(h, s.X)
		w.block(s.Body.List, h.clone())
		return w.afterLoop(h, s.Body), false
	case *ast.SwitchStmt:
		h = w.checkNodes(h, s.Init, s.Tag)
		return w.clauses(h, s.Body, true)
	case *ast.TypeSwitchStmt:
		h = w.checkNodes(h, s.Init, s.Assign)
		return w.clauses(h, s.Body, true)
	case *ast.SelectStmt:
		w.checkSites(h, s.Pos(), s.Pos()+1) // the select itself
		return w.clauses(h, s.Body, false)
	default: // assignments, sends, inc/dec, go-less simple statements
		return w.check(s, h), false
	}
}

// clauses walks the clauses of a switch or select as alternative branches.
// A switch without default may run none of them.
func (w *walker) clauses(h held, body *ast.BlockStmt, isSwitch bool) (held, bool) {
	var outs []held
	var terms []bool
	hasDefault := false
	for _, c := range body.List {
		var list []ast.Stmt
		switch c := c.(type) {
		case *ast.CaseClause:
			hasDefault = hasDefault || c.List == nil
			for _, e := range c.List {
				w.checkNodes(h, e)
			}
			list = c.Body
		case *ast.CommClause:
			list = c.Body
		}
		out, term := w.block(list, h.clone())
		outs, terms = append(outs, out), append(terms, term)
	}
	if isSwitch && !hasDefault {
		outs, terms = append(outs, h), append(terms, false)
	}
	return join(h, outs, terms)
}

// join returns the locks held after alternative branches: those held at
// the end of every branch that falls through, and not released on the way
// by a branch that jumps elsewhere.
func join(before held, outs []held, terms []bool) (held, bool) {
	var result held
	allTerm := true
	deferredIn := make(map[locks.Key]heldLock) // locked in a branch that defers the unlock
	for i, out := range outs {
		if terms[i] {
			continue
		}
		allTerm = false
		for k, l := range out {
			if _, ok := before[k]; !ok && l.deferred {
				deferredIn[k] = l
			}
		}
		if result == nil {
			result = out.clone()
			continue
		}
		for k := range result {
			if _, ok := out[k]; !ok {
				delete(result, k)
			}
		}
	}
	if allTerm {
		return before, true
	}
	for k, l := range deferredIn {
		if _, ok := result[k]; !ok {
			l.cond = true
			result[k] = l
		}
	}
	return result, false
}

// afterLoop returns the locks held after a loop: those held before it and
// not released anywhere in its body.
func (w *walker) afterLoop(before held, body *ast.BlockStmt) held {
	after := before.clone()
	bodyCur, ok := w.fcur.FindNode(body)
	if !ok {
		return held{}
	}
	for cur := range bodyCur.Preorder((*ast.CallExpr)(nil)) {
		if inLiteral(cur, bodyCur) {
			continue // a function literal's unlocks happen when it is called (see unsure)
		}
		call := cur.Node().(*ast.CallExpr)
		if op, ok := w.bl.LockCall(call); ok && !op.Acquire {
			delete(after, op.Lock.Key)
		}
		for _, k := range w.released(call, after) {
			delete(after, k)
		}
	}
	return after
}

func (w *walker) lockOp(call *ast.CallExpr, op locks.Op, h held) held {
	if !op.Acquire {
		h = h.clone()
		delete(h, op.Lock.Key)
		return h
	}
	if prev, ok := h[op.Lock.Key]; ok && !prev.cond && !w.unsure[op.Lock.Key] {
		w.reportRelock(call, prev, "", !prev.write && !op.Write)
		return h
	}
	h = h.clone()
	h[op.Lock.Key] = heldLock{key: op.Lock.Key, name: op.Lock.Name, write: op.Write, pos: call.Pos()}
	return h
}

// checkNodes checks the sites inside the given parts of a compound
// statement's header.
func (w *walker) checkNodes(h held, nodes ...ast.Node) held {
	for _, n := range nodes {
		if n != nil {
			h = w.check(n, h)
		}
	}
	return h
}

// check reports the blocking work and re-locking inside a simple
// statement or expression while locks are held, and returns the state
// after it (calls may release locks).
func (w *walker) check(n ast.Node, h held) held {
	if len(h) == 0 {
		return h
	}
	h = w.checkSites(h, n.Pos(), n.End())
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if keys := w.released(x, h); len(keys) > 0 {
				h = h.clone()
				for _, k := range keys {
					delete(h, k)
				}
			}
		}
		return true
	})
	return h
}

func (h held) clone() held { return maps.Clone(h) }

func isPanic(pass *analysis.Pass, call *ast.CallExpr) bool {
	return analysisutil.IsBuiltin(pass.TypesInfo, call, "panic")
}

// deferUnlock marks the locks that a deferred call releases (defer
// mu.Unlock(), or a deferred function literal that unlocks).
func (w *walker) deferUnlock(d *ast.DeferStmt, h held) held {
	var keys []locks.Key
	ast.Inspect(d.Call, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if op, ok := w.bl.LockCall(call); ok && !op.Acquire {
				keys = append(keys, op.Lock.Key)
			}
		}
		return true
	})
	for _, k := range keys {
		if l, ok := h[k]; ok && !l.deferred {
			h = h.clone()
			l.deferred = true
			h[k] = l
		}
	}
	return h
}

// inLiteral reports whether cur lies in a function literal within outer.
func inLiteral(cur, outer inspector.Cursor) bool {
	for c := cur.Parent(); c != outer && c.Node() != nil; c = c.Parent() {
		if _, ok := c.Node().(*ast.FuncLit); ok {
			return true
		}
	}
	return false
}
