package lockio

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/flow"
	"github.com/conclint/conclint/internal/locks"
)

// checkSites checks the sites in [pos, end).
func (w *walker) checkSites(h held, pos, end token.Pos) held {
	if len(h) == 0 {
		return h
	}
	i := sort.Search(len(w.sites), func(i int) bool { return w.sites[i].Cursor.Node().Pos() >= pos })
	for ; i < len(w.sites) && w.sites[i].Cursor.Node().Pos() < end; i++ {
		site := w.sites[i]
		if w.checkRelock(site, h) {
			continue
		}
		if call, ok := site.Cursor.Node().(*ast.CallExpr); ok && site.Kind == blocking.Call && len(w.released(call, h)) > 0 {
			continue // it releases the lock first (unlock, wait, lock again)
		}
		w.checkSite(site, h)
	}
	return h
}

// checkSite applies the rules other than re-locking to one site: network
// I/O, a send to code outside the package, and a deadlock with the other
// side of a wait. Other waits under a lock are the lock's business.
func (w *walker) checkSite(site blocking.Site, h held) {
	if cause, ok := w.bl.DoesIO(site); ok {
		if !w.opts.IO || cause.Stream {
			return // reads and writes on an open connection may be in memory (net.Pipe) and are bounded by deadlines
		}
		for _, lock := range w.sorted(h) {
			if w.ioMatters(site, lock, cause) {
				w.reportIO(site, lock, cause)
				return
			}
		}
		return
	}
	if ch, end, ok := w.handedOutSend(site); ok {
		if !w.opts.Send {
			return
		}
		if key, ok := locks.KeyOf(w.pass.TypesInfo, ch); ok && w.unpublished(key) {
			return // the channel's owner was built here: nobody receives yet, and its buffer is empty
		}
		if locks := w.sorted(h); len(locks) > 0 {
			w.reportSend(site.Cursor.Node(), end, locks[0], analysisutil.ExprString(w.pass.Fset, ch))
		}
		return
	}
	switch site.Kind {
	case blocking.GroupWait, blocking.Recv, blocking.Send:
		if site.Kind == blocking.Send && site.Local {
			return // buffered, or its receiver is this function's own
		}
		if u, ok := site.Cursor.Node().(*ast.UnaryExpr); ok && w.bl.IsBuffered(u.X) {
			return // a value may be waiting already: no proof the receive needs the other side now
		}
		for _, lock := range w.sorted(h) {
			if other, ok := w.deadlock(site, lock, lock.key); ok {
				w.reportDeadlock(site, lock, other)
				return
			}
		}
	}
}

// sorted returns the held locks the walk is sure of, earliest first.
func (w *walker) sorted(h held) []heldLock {
	var locks []heldLock
	for k, l := range h {
		if !w.unsure[k] {
			locks = append(locks, l)
		}
	}
	slices.SortFunc(locks, func(a, b heldLock) int { return int(a.pos - b.pos) })
	return locks
}

// ioMatters reports whether holding lock across the round trip at site
// makes other goroutines wait on the network: not when the lock guards
// the very connection it reads or writes (it keeps one stream whole),
// when nothing else can reach the locked value yet, or when the call
// fills the value the lock guards for the first time, or when the call is
// a lifecycle step the lock serializes (closing, a configuration reload).
func (w *walker) ioMatters(site blocking.Site, lock heldLock, cause *blocking.Cause) bool {
	if cause.Stream && w.touchesRoot(site, lock.key) || w.establishes(site, lock.key) || w.inLifecycleStep(site) {
		return false
	}
	if w.unpublished(lock.key) || w.fillsOnce(site, lock.key) {
		return false
	}
	return true
}

// touchesRoot reports whether the call at site works on the variable the
// lock hangs off: its receiver or an argument (conn.mu around
// conn.c.Write, s.mu around s.flush() or write(s.conn, b)).
func (w *walker) touchesRoot(site blocking.Site, key locks.Key) bool {
	call, ok := site.Cursor.Node().(*ast.CallExpr)
	if !ok || key.Root() == nil {
		return false
	}
	exprs := slices.Clone(call.Args)
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		exprs = append(exprs, sel.X)
	}
	for _, e := range exprs {
		if k, ok := locks.KeyOf(w.pass.TypesInfo, e); ok && k.Root() == key.Root() {
			return true
		}
		if k, ok := locks.KeyOf(w.pass.TypesInfo, analysisutil.RootOperand(e, true)); ok && k.Root() == key.Root() {
			return true
		}
	}
	return false
}

// establishes reports whether the round trip at site makes, or works on,
// the connection that the lock's value keeps: its result, or the value
// it is called on, is a local variable the function then stores in a
// field of the locked value (conn, err := dial(); c.conn = conn). The
// lock guards that one connection, and whoever needs the lock needs the
// connection too. A store into a map or slice element is a cache of many,
// and does not count.
func (w *walker) establishes(site blocking.Site, key locks.Key) bool {
	if key.Root() == nil {
		return false
	}
	var vars []types.Object
	if sel, ok := ast.Unparen(site.Cursor.Node().(*ast.CallExpr).Fun).(*ast.SelectorExpr); ok {
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
			vars = append(vars, w.pass.TypesInfo.Uses[id])
		}
	}
	if assign, ok := site.Cursor.Parent().Node().(*ast.AssignStmt); ok {
		for _, l := range assign.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				vars = append(vars, w.pass.TypesInfo.ObjectOf(id))
			} else if lk, ok := locks.KeyOf(w.pass.TypesInfo, l); ok && lk.Root() == key.Root() && lk.Path() != "" {
				return true // c.conn, err = net.Dial(…)
			}
		}
	}
	for cur := range w.fcur.Preorder((*ast.AssignStmt)(nil)) {
		assign := cur.Node().(*ast.AssignStmt)
		if len(assign.Lhs) != len(assign.Rhs) {
			continue
		}
		for i, l := range assign.Lhs {
			id, ok := ast.Unparen(assign.Rhs[i]).(*ast.Ident)
			if !ok || !slices.Contains(vars, w.pass.TypesInfo.Uses[id]) {
				continue
			}
			if lk, ok := locks.KeyOf(w.pass.TypesInfo, l); ok && lk.Root() == key.Root() && lk.Path() != "" {
				return true
			}
		}
	}
	return false
}

// unpublished reports whether the lock hangs off a local variable that
// this function built (v := &T{…}): no other goroutine can reach it yet.
func (w *walker) unpublished(key locks.Key) bool {
	v, ok := key.Root().(*types.Var)
	if !ok || v.Pos() < w.fcur.Node().Pos() || v.Pos() >= w.fcur.Node().End() {
		return false
	}
	fresh := false
	for cur := range w.fcur.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		lhs, rhs := analysisutil.AssignSides(cur.Node())
		for i, l := range lhs {
			if id, ok := l.(*ast.Ident); ok && w.pass.TypesInfo.ObjectOf(id) == v {
				if len(lhs) != len(rhs) || !flow.Fresh(w.pass.TypesInfo, rhs[i]) {
					return false
				}
				fresh = true
			}
		}
	}
	return fresh
}

// fillsOnce reports whether site sits in `if x == nil { … x = … }` (or
// `if !x.loaded`) on a value hanging off the lock's root: a one-time fill
// of what the lock guards, which every waiter needs anyway.
func (w *walker) fillsOnce(site blocking.Site, key locks.Key) bool {
	for c := site.Cursor.Parent(); c != w.fcur && c.Node() != nil; c = c.Parent() {
		ifs, ok := c.Node().(*ast.IfStmt)
		if !ok || site.Cursor.Node().Pos() < ifs.Body.Pos() {
			continue
		}
		x := unsetOperand(w.pass.TypesInfo, ifs.Cond)
		if x == nil {
			continue
		}
		xk, ok := locks.KeyOf(w.pass.TypesInfo, x)
		if !ok || xk.Root() != key.Root() || (key.Root() == nil && !key.IsGlobal()) {
			continue
		}
		for asg := range c.Preorder((*ast.AssignStmt)(nil)) {
			for _, l := range asg.Node().(*ast.AssignStmt).Lhs {
				if lk, ok := locks.KeyOf(w.pass.TypesInfo, l); ok && lk == xk {
					return true
				}
			}
		}
	}
	return false
}

// unsetOperand returns x for the conditions x == nil, !x and len(x) == 0.
func unsetOperand(info *types.Info, cond ast.Expr) ast.Expr {
	switch c := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if c.Op == token.NOT {
			return c.X
		}
	case *ast.BinaryExpr:
		if c.Op != token.EQL {
			return nil
		}
		if id, ok := ast.Unparen(c.Y).(*ast.Ident); ok && id.Name == "nil" {
			return c.X
		}
		if call, ok := ast.Unparen(c.X).(*ast.CallExpr); ok && len(call.Args) == 1 {
			if analysisutil.IsBuiltin(info, call, "len") {
				return call.Args[0]
			}
		}
	}
	return nil
}

// handedOutSend returns the channel of a send at site (bare, or a case of
// a select with no default or timer case) that the package hands out to
// code it does not control (see blocking.Info.HandedOut).
func (w *walker) handedOutSend(site blocking.Site) (ast.Expr, token.Pos, bool) {
	switch n := site.Cursor.Node().(type) {
	case *ast.SendStmt:
		if site.Kind == blocking.Send && w.bl.HandedOut(n.Chan) {
			return n.Chan, n.End(), true
		}
	case *ast.SelectStmt:
		if site.Kind != blocking.Select || site.Default || w.hasTimer(n) {
			return nil, 0, false
		}
		for _, c := range n.Body.List {
			if send, ok := c.(*ast.CommClause).Comm.(*ast.SendStmt); ok && w.bl.HandedOut(send.Chan) {
				return send.Chan, analysisutil.KeywordEnd(n.Select, "select"), true
			}
		}
	}
	return nil, 0, false
}

// hasTimer reports whether a select has a case on a timer channel, which
// bounds its wait.
func (w *walker) hasTimer(sel *ast.SelectStmt) bool {
	for _, c := range sel.Body.List {
		comm := c.(*ast.CommClause).Comm
		var x ast.Expr
		switch s := comm.(type) {
		case *ast.ExprStmt:
			x = s.X
		case *ast.AssignStmt:
			if len(s.Rhs) == 1 {
				x = s.Rhs[0]
			}
		}
		if u, ok := ast.Unparen(x).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			if t, ok := w.pass.TypesInfo.TypeOf(u.X).Underlying().(*types.Chan); ok && analysisutil.IsNamed(t.Elem(), "time", "Time") {
				return true
			}
		}
	}
	return false
}

// checkRelock reports a call that locks a mutex held here.
func (w *walker) checkRelock(site blocking.Site, h held) bool {
	if site.Kind != blocking.Call {
		return false
	}
	f := w.bl.FactOf(site.Callee)
	if f == nil {
		return false
	}
	call := site.Cursor.Node().(*ast.CallExpr)
	sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	for _, use := range w.bl.CallLocks(call, f) {
		if sel == nil && !use.Global {
			continue
		}
		key, ok := locks.Rebase(w.pass.TypesInfo, use, sel)
		if !ok {
			continue
		}
		if prev, held := h[key]; held && !prev.cond && !w.unsure[key] {
			w.reportRelock(call.Fun, prev, " by "+site.What+" ("+use.Where+")", !prev.write && !use.Write)
			return true
		}
	}
	return false
}

// released returns the held locks that a call may release: the callee's
// fact says it unlocks them, or the lock itself is passed to it.
func (w *walker) released(call *ast.CallExpr, h held) []locks.Key {
	var keys []locks.Key
	if f := w.bl.FactOf(analysisutil.Callee(w.pass.TypesInfo, call)); f != nil {
		sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		for _, use := range f.Unlocks {
			if sel == nil && !use.Global {
				continue
			}
			if key, ok := locks.Rebase(w.pass.TypesInfo, use, sel); ok {
				keys = append(keys, key)
			}
		}
	}
	for _, arg := range call.Args {
		if u, ok := ast.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.AND {
			arg = u.X
		}
		if key, ok := locks.KeyOf(w.pass.TypesInfo, arg); ok {
			keys = append(keys, key)
		}
	}
	return slices.DeleteFunc(keys, func(k locks.Key) bool { _, ok := h[k]; return !ok })
}
