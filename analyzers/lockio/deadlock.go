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
)

// A deadlock needs evidence from the other side of a wait: a function (or
// function literal) of the package that lets the waiter go (WaitGroup.Done,
// a goroutine given to Group.Go, a send, a receive or a close on the same
// channel) and acquires the held mutex before it does. The waiter holds
// the mutex until the wait ends, so neither can move.

// slot names a mutex, WaitGroup or channel across functions: by the
// receiver's named type and field path when it hangs off a method's
// receiver (c.mu in every method of *Cache), else by its blocking.LockKey
// (a local variable that closures capture, or a package-level one).
type slot struct {
	recvType types.Type
	key      blocking.LockKey // with the root cleared when recvType is set
	path     string
}

type eventKind int

const (
	acquire eventKind = iota
	release           // WaitGroup.Done, or the goroutine of Group.Go / WaitGroup.Go ends
	sendOn
	recvFrom
	closeOf
)

type event struct {
	kind     eventKind
	slot     slot
	pos      token.Pos
	deferred bool // runs at the end of the unit
}

// unit is one function body, function literals apart.
type unit struct {
	node   ast.Node // *ast.FuncDecl or *ast.FuncLit
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
		u := &unit{node: fcur.Node()}
		recv := receiverOf(pass, fcur)
		if g, ok := goReleases(pass, bl, fcur, recv); ok { // g.Go(func() error { … })
			u.events = append(u.events, event{kind: release, slot: g, pos: fcur.Node().Pos(), deferred: true})
		}
		fcur.Inspect([]ast.Node{(*ast.FuncLit)(nil), (*ast.CallExpr)(nil), (*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil)},
			func(cur inspector.Cursor) bool {
				if _, ok := cur.Node().(*ast.FuncLit); ok {
					return cur == fcur
				}
				u.add(pass, bl, cur, recv)
				return true
			})
		if len(u.events) > 0 {
			s.units = append(s.units, u)
		}
	}
	return s
}

// receiverOf returns the receiver of the method declaration enclosing
// fcur (closures share it), or nil.
func receiverOf(pass *analysis.Pass, fcur inspector.Cursor) *types.Var {
	for c := range fcur.Enclosing((*ast.FuncDecl)(nil)) {
		if fn, ok := pass.TypesInfo.Defs[c.Node().(*ast.FuncDecl).Name].(*types.Func); ok {
			return fn.Signature().Recv()
		}
	}
	return nil
}

func slotOf(key blocking.LockKey, recv *types.Var) slot {
	if recv != nil && key.Root() == recv {
		t := recv.Type()
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		return slot{recvType: t, path: key.Path()}
	}
	return slot{key: key}
}

func (a slot) same(b slot) bool {
	if a.recvType != nil || b.recvType != nil {
		return a.recvType != nil && b.recvType != nil && types.Identical(a.recvType, b.recvType) && a.path == b.path
	}
	return a.key == b.key
}

func (u *unit) addEvent(kind eventKind, key blocking.LockKey, recv *types.Var, cur inspector.Cursor) {
	_, deferred := cur.Parent().Node().(*ast.DeferStmt)
	u.events = append(u.events, event{kind: kind, slot: slotOf(key, recv), pos: cur.Node().Pos(), deferred: deferred})
}

// add records the events of one node of a unit's own body.
func (u *unit) add(pass *analysis.Pass, bl *blocking.Info, cur inspector.Cursor, recv *types.Var) {
	switch n := cur.Node().(type) {
	case *ast.CallExpr:
		if op, ok := bl.LockCall(n); ok {
			if op.Acquire {
				u.addEvent(acquire, op.Lock.Key, recv, cur)
			}
			return
		}
		fn := analysisutil.Callee(pass.TypesInfo, n)
		sel, _ := ast.Unparen(n.Fun).(*ast.SelectorExpr)
		switch {
		case analysisutil.IsMethod(fn, "sync", "WaitGroup", "Done") && sel != nil:
			if key, ok := bl.KeyOf(sel.X); ok {
				u.addEvent(release, key, recv, cur)
			}
		case isBuiltin(pass, n, "close") && len(n.Args) == 1:
			if key, ok := bl.KeyOf(n.Args[0]); ok {
				u.addEvent(closeOf, key, recv, cur)
			}
		default:
			if f := bl.FactOf(fn); f != nil && (sel != nil || len(f.Locks) > 0) {
				for _, use := range f.Locks {
					if sel == nil && !use.Global {
						continue
					}
					if key, ok := bl.Rebase(use, sel); ok {
						u.addEvent(acquire, key, recv, cur)
					}
				}
			}
		}
	case *ast.SendStmt:
		if key, ok := bl.KeyOf(n.Chan); ok {
			u.addEvent(sendOn, key, recv, cur)
		}
	case *ast.UnaryExpr:
		if key, ok := bl.KeyOf(n.X); ok && n.Op == token.ARROW {
			u.addEvent(recvFrom, key, recv, cur)
		}
	case *ast.RangeStmt:
		if key, ok := bl.KeyOf(n.X); ok {
			if _, isChan := pass.TypesInfo.TypeOf(n.X).Underlying().(*types.Chan); isChan {
				u.addEvent(recvFrom, key, recv, cur)
			}
		}
	}
}

// goReleases returns the slot whose waiters the function literal at lit
// releases when it ends: g for g.Go(lit) or wg.Go(lit).
func goReleases(pass *analysis.Pass, bl *blocking.Info, lit inspector.Cursor, recv *types.Var) (slot, bool) {
	if lit.ParentEdgeKind() != edge.CallExpr_Args {
		return slot{}, false
	}
	call := lit.Parent().Node().(*ast.CallExpr)
	fn := analysisutil.Callee(pass.TypesInfo, call)
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !(analysisutil.IsMethod(fn, "sync", "WaitGroup", "Go") || analysisutil.IsMethod(fn, "golang.org/x/sync/errgroup", "Group", "Go", "TryGo")) {
		return slot{}, false
	}
	key, ok := bl.KeyOf(sel.X)
	if !ok {
		return slot{}, false
	}
	return slotOf(key, recv), true
}

func isBuiltin(pass *analysis.Pass, call *ast.CallExpr, name string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || id.Name != name {
		return false
	}
	_, ok = pass.TypesInfo.Uses[id].(*types.Builtin)
	return ok
}

// find returns where a unit other than self acquires the held mutex
// before it releases a waiter on waited by one of the given kinds.
func (s *otherSides) find(self ast.Node, held, waited slot, kinds ...eventKind) (token.Pos, bool) {
	for _, u := range s.units {
		if u.node == self {
			continue
		}
		for _, e := range u.events {
			if !slices.Contains(kinds, e.kind) || !e.slot.same(waited) {
				continue
			}
			for _, a := range u.events {
				if a.kind == acquire && !a.deferred && a.slot.same(held) && (a.pos < e.pos || e.deferred) {
					return a.pos, true
				}
			}
		}
	}
	return token.NoPos, false
}

// deadlock returns where the other side of the wait at site acquires the
// held lock h, when it does.
func (w *walker) deadlock(site blocking.Site, h heldLock, key blocking.LockKey) (token.Pos, bool) {
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
	wkey, ok := w.bl.KeyOf(waited)
	if !ok {
		return token.NoPos, false
	}
	recv := receiverOf(w.pass, w.fcur)
	return w.sides().find(w.fcur.Node(), slotOf(key, recv), slotOf(wkey, recv), kinds...)
}
