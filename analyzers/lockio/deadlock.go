package lockio

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/locks"
)

// A deadlock needs evidence from the other side of a wait: a function (or
// function literal) of the package that lets the waiter go (WaitGroup.Done,
// a goroutine given to Group.Go, a send, a receive or a close on the same
// channel) and acquires the held mutex before it does. The waiter holds
// the mutex until the wait ends, so neither can move.

type eventKind int

const (
	acquire eventKind = iota
	release           // WaitGroup.Done, or the goroutine of Group.Go / WaitGroup.Go ends
	count             // WaitGroup.Add: a wait waits only for what was counted
	sendOn
	recvFrom
	closeOf
)

type event struct {
	kind     eventKind
	slot     blocking.Slot
	pos      token.Pos
	deferred bool // runs at the end of the unit
}

// unit is one function body, function literals apart.
type unit struct {
	node   ast.Node // *ast.FuncDecl or *ast.FuncLit
	cur    inspector.Cursor
	bl     *blocking.Info
	events []event
}

// otherSides indexes every unit of the package by the slots it releases
// waiters on.
type otherSides struct {
	units []*unit
}

func (w *walker) sides() *otherSides {
	if w.shared.sides == nil {
		w.shared.sides = buildSides(w.pass, w.bl, w.shared.insp)
	}
	return w.shared.sides
}

func buildSides(pass *analysis.Pass, bl *blocking.Info, insp *inspector.Inspector) *otherSides {
	s := &otherSides{}
	for fcur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if analysisutil.FuncBody(fcur.Node()) == nil {
			continue
		}
		u := &unit{node: fcur.Node(), cur: fcur, bl: bl}
		if g, ok := goReleases(pass, bl, fcur); ok { // g.Go(func() error { … })
			u.events = append(u.events, event{kind: release, slot: g, pos: fcur.Node().Pos(), deferred: true})
		}
		fcur.Inspect([]ast.Node{(*ast.FuncLit)(nil), (*ast.CallExpr)(nil), (*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil)},
			func(cur inspector.Cursor) bool {
				if _, ok := cur.Node().(*ast.FuncLit); ok {
					return cur == fcur
				}
				u.add(pass, bl, cur)
				return true
			})
		if len(u.events) > 0 {
			s.units = append(s.units, u)
		}
	}
	return s
}

func (u *unit) addEvent(kind eventKind, key locks.Key, cur inspector.Cursor) {
	_, deferred := cur.Parent().Node().(*ast.DeferStmt)
	u.events = append(u.events, event{kind: kind, slot: u.bl.SlotOf(key, u.cur), pos: cur.Node().Pos(), deferred: deferred})
}

// add records the events of one node of a unit's own body.
func (u *unit) add(pass *analysis.Pass, bl *blocking.Info, cur inspector.Cursor) {
	switch n := cur.Node().(type) {
	case *ast.CallExpr:
		if op, ok := bl.LockCall(n); ok {
			if op.Acquire {
				u.addEvent(acquire, op.Lock.Key, cur)
			}
			return
		}
		fn := analysisutil.Callee(pass.TypesInfo, n)
		sel, _ := ast.Unparen(n.Fun).(*ast.SelectorExpr)
		switch {
		case analysisutil.IsMethod(fn, "sync", "WaitGroup", "Done") && sel != nil:
			if key, ok := locks.KeyOf(pass.TypesInfo, sel.X); ok {
				u.addEvent(release, key, cur)
			}
		case analysisutil.IsMethod(fn, "sync", "WaitGroup", "Add") && sel != nil:
			if key, ok := locks.KeyOf(pass.TypesInfo, sel.X); ok {
				u.addEvent(count, key, cur)
			}
		case analysisutil.IsBuiltin(pass.TypesInfo, n, "close") && len(n.Args) == 1:
			if key, ok := locks.KeyOf(pass.TypesInfo, n.Args[0]); ok {
				u.addEvent(closeOf, key, cur)
			}
		default:
			if f := bl.FactOf(fn); f != nil && (sel != nil || len(f.Locks) > 0) {
				for _, use := range f.Locks {
					if sel == nil && !use.Global {
						continue
					}
					if key, ok := locks.Rebase(pass.TypesInfo, use, sel); ok {
						u.addEvent(acquire, key, cur)
					}
				}
			}
		}
	case *ast.SendStmt:
		if key, ok := locks.KeyOf(pass.TypesInfo, n.Chan); ok {
			u.addEvent(sendOn, key, cur)
		}
	case *ast.UnaryExpr:
		if key, ok := locks.KeyOf(pass.TypesInfo, n.X); ok && n.Op == token.ARROW {
			u.addEvent(recvFrom, key, cur)
		}
	case *ast.RangeStmt:
		if key, ok := locks.KeyOf(pass.TypesInfo, n.X); ok {
			if _, isChan := pass.TypesInfo.TypeOf(n.X).Underlying().(*types.Chan); isChan {
				u.addEvent(recvFrom, key, cur)
			}
		}
	}
}

// goReleases returns the slot whose waiters the function literal at lit
// releases when it ends: g for g.Go(lit) or wg.Go(lit).
func goReleases(pass *analysis.Pass, bl *blocking.Info, lit inspector.Cursor) (blocking.Slot, bool) {
	if lit.ParentEdgeKind() != edge.CallExpr_Args {
		return blocking.Slot{}, false
	}
	call := lit.Parent().Node().(*ast.CallExpr)
	fn := analysisutil.Callee(pass.TypesInfo, call)
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !(analysisutil.IsMethod(fn, "sync", "WaitGroup", "Go") || analysisutil.IsMethod(fn, "golang.org/x/sync/errgroup", "Group", "Go", "TryGo")) {
		return blocking.Slot{}, false
	}
	key, ok := locks.KeyOf(pass.TypesInfo, sel.X)
	if !ok {
		return blocking.Slot{}, false
	}
	return bl.SlotOf(key, lit), true
}

// find returns where a unit other than self acquires the held mutex
// before it releases a waiter on waited by one of the given kinds. A unit
// that counts itself in (wg.Add) is waited for only from there on: a lock
// it takes and leaves before wg.Add (a closed check, then Add, under the
// mutex the waiter holds) cannot hold the waiter up.
func (s *otherSides) find(self ast.Node, held, waited blocking.Slot, kinds ...eventKind) (token.Pos, bool) {
	for _, u := range s.units {
		if u.node == self {
			continue
		}
		counted := u.countedFrom(waited)
		for _, e := range u.events {
			if !slices.Contains(kinds, e.kind) || !e.slot.Same(waited) {
				continue
			}
			for _, a := range u.events {
				if a.kind == acquire && !a.deferred && a.slot.Same(held) && a.pos > counted && (a.pos < e.pos || e.deferred) {
					return a.pos, true
				}
			}
		}
	}
	return token.NoPos, false
}

// countedFrom returns where the unit first adds itself to the WaitGroup
// waited, or NoPos when it does not.
func (u *unit) countedFrom(waited blocking.Slot) token.Pos {
	for _, e := range u.events {
		if e.kind == count && e.slot.Same(waited) {
			return e.pos
		}
	}
	return token.NoPos
}

// deadlock returns where the other side of the wait at site acquires the
// held lock h, when it does.
func (w *walker) deadlock(site blocking.Site, h heldLock, key locks.Key) (token.Pos, bool) {
	var waited ast.Expr
	var kinds []eventKind
	switch n := site.Cursor.Node().(type) {
	case *ast.CallExpr: // WaitGroup.Wait, Group.Wait
		if site.Kind != blocking.GroupWait {
			return token.NoPos, false
		}
		sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
		if !ok {
			return token.NoPos, false
		}
		waited, kinds = sel.X, []eventKind{release}
	case *ast.UnaryExpr:
		waited, kinds = n.X, []eventKind{sendOn, closeOf}
	case *ast.SendStmt:
		waited, kinds = n.Chan, []eventKind{recvFrom}
	default:
		return token.NoPos, false
	}
	wkey, ok := locks.KeyOf(w.pass.TypesInfo, waited)
	if !ok {
		return token.NoPos, false
	}
	return w.sides().find(w.fcur.Node(), w.bl.SlotOf(key, w.fcur), w.bl.SlotOf(wkey, w.fcur), kinds...)
}
