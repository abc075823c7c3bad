package lockio

import (
	"go/ast"
	"go/token"
	"slices"
	"sort"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/blocking"
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
		if cause, ok := w.bl.Blocks(site); ok && !w.guardsStream(site, h) {
			if lock, ok := w.first(h); ok {
				w.reportBlocking(site, lock, cause)
			}
		}
	}
	return h
}

// guardsStream reports whether site reads or writes a connection that
// hangs off the same variable as a held lock (conn.mu and
// conn.c.Write): such a lock exists to keep writes to one stream from
// interleaving, and holding it across the I/O is its purpose.
func (w *walker) guardsStream(site blocking.Site, h held) bool {
	if site.Kind != blocking.NetworkIO {
		return false
	}
	switch site.Callee.Name() {
	case "Read", "Write", "ReadFrom", "WriteTo", "Handshake", "HandshakeContext":
	default:
		return false
	}
	sel, ok := ast.Unparen(site.Cursor.Node().(*ast.CallExpr).Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	conn, ok := w.bl.KeyOf(sel.X)
	if !ok || conn.Root() == nil {
		return false
	}
	for k := range h {
		if k.Root() == conn.Root() {
			return true
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
	for _, use := range f.Locks {
		if sel == nil && !use.Global {
			continue
		}
		key, ok := w.bl.Rebase(use, sel)
		if !ok {
			continue
		}
		if prev, held := h[key]; held && (prev.write || use.Write) && !w.unsure[key] {
			w.reportRelock(call.Fun, prev, " by "+site.What+" ("+use.Where+")")
			return true
		}
	}
	return false
}

// released returns the held locks that a call may release: the callee's
// fact says it unlocks them, or the lock itself is passed to it.
func (w *walker) released(call *ast.CallExpr, h held) []blocking.LockKey {
	var keys []blocking.LockKey
	if f := w.bl.FactOf(analysisutil.Callee(w.pass.TypesInfo, call)); f != nil {
		sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		for _, use := range f.Unlocks {
			if sel == nil && !use.Global {
				continue
			}
			if key, ok := w.bl.Rebase(use, sel); ok {
				keys = append(keys, key)
			}
		}
	}
	for _, arg := range call.Args {
		if u, ok := ast.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.AND {
			arg = u.X
		}
		if key, ok := w.bl.KeyOf(arg); ok {
			keys = append(keys, key)
		}
	}
	return slices.DeleteFunc(keys, func(k blocking.LockKey) bool { _, ok := h[k]; return !ok })
}

// first returns the earliest-locked held lock that the walk is sure of.
func (w *walker) first(h held) (heldLock, bool) {
	var best heldLock
	found := false
	for k, l := range h {
		if w.unsure[k] {
			continue
		}
		if !found || l.pos < best.pos {
			best, found = l, true
		}
	}
	return best, found
}
