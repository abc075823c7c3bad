package blocking

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
	"github.com/conclint/conclint/internal/locks"
)

// chanOrigin is where a local channel variable's value comes from.
type chanOrigin int

const (
	made   chanOrigin = iota + 1 // make(chan T)
	timer                        // time.After, time.Tick
	done                         // x.Done()
	paired                       // a channel the function both sends on and receives from
	fed                          // returned by a call given a context (updates, errs := s.Watch(ctx, …))
)

// chanVars is what a function knows of its own channels.
type chanVars struct {
	origins map[types.Object]chanOrigin // local variables holding channels
	paired  map[locks.Key]bool          // fields it makes, and channels it both sends on and receives from
}

// chanOrigin classifies a channel expression: a timer (time.After(d),
// t.C of a Timer or Ticker), a done channel (x.Done()), a local variable
// holding one of those or a channel made here, or 0 for anything else.
func (in *Info) chanOrigin(ch ast.Expr, local *chanVars) chanOrigin {
	info := in.pass.TypesInfo
	ch = ast.Unparen(ch)
	if o := originOf(info, ch); o != 0 {
		return o
	}
	if t, ok := types.Unalias(info.TypeOf(ch)).(*types.Chan); ok && analysisutil.IsNamed(t.Elem(), "time", "Time") {
		return timer // time.After, t.C of a Timer or Ticker, or a variable holding one
	}
	if o := local.origins[analysisutil.ObjectOf(info, ch)]; o != 0 { // a field is never this function's own
		return o
	}
	if key, ok := locks.KeyOf(in.pass.TypesInfo, ch); ok && local.paired[key] {
		return paired
	}
	return 0
}

// originOf classifies a call producing a channel.
func originOf(info *types.Info, e ast.Expr) chanOrigin {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return 0
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Done" && len(call.Args) == 0 {
		return done
	}
	if catalog.IsTimer(analysisutil.Callee(info, call)) {
		return timer
	}
	if analysisutil.IsBuiltin(info, call, "make") && len(call.Args) > 0 {
		if t := info.TypeOf(call.Args[0]); t != nil {
			if _, isChan := t.Underlying().(*types.Chan); isChan {
				return made
			}
		}
	}
	if t := info.TypeOf(call); t != nil && isChan(t) && givenContext(info, call) {
		return fed
	}
	return 0
}

// givenContext reports whether e is a call given a context that someone
// may cancel (not a root context started in the call): its producer is
// handed that context, and ends, closing or failing its channels, with it.
func givenContext(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	for _, arg := range call.Args {
		t := info.TypeOf(arg)
		if t == nil || !analysisutil.IsContext(t) {
			continue
		}
		if root, ok := ast.Unparen(arg).(*ast.CallExpr); ok && analysisutil.IsFunc(analysisutil.Callee(info, root), "context", "Background", "TODO") {
			continue
		}
		return true
	}
	return false
}

// localChans returns the origins of the local channel variables of the
// outermost function enclosing fcur, so a closure shares its parent's.
func (in *Info) localChans(fcur inspector.Cursor) *chanVars {
	outer := fcur
	for c := range fcur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		outer = c
	}
	if m, ok := in.chans[outer.Node()]; ok {
		return m
	}
	return in.chanVarsOf(outer) // not in the package's files: not kept
}

// findLocalChans computes chanVarsOf for every outermost function: the
// declarations and the literals outside any function.
func (in *Info) findLocalChans(insp *inspector.Inspector) map[ast.Node]*chanVars {
	chans := make(map[ast.Node]*chanVars)
	insp.Root().Inspect([]ast.Node{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)}, func(cur inspector.Cursor) bool {
		chans[cur.Node()] = in.chanVarsOf(cur)
		return false // nested literals share their outermost function's
	})
	return chans
}

// chanVarsOf computes what the function at outer knows of its channels.
func (in *Info) chanVarsOf(outer inspector.Cursor) *chanVars {
	info := in.pass.TypesInfo
	m := &chanVars{origins: make(map[types.Object]chanOrigin), paired: make(map[locks.Key]bool)}
	in.markPaired(outer, m)
	for cur := range outer.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		lhs, rhs := analysisutil.AssignSides(cur.Node())
		if len(rhs) == 1 && len(lhs) > 1 && givenContext(info, rhs[0]) {
			for _, l := range lhs {
				if obj := analysisutil.ObjectOf(info, l); obj != nil && isChan(obj.Type()) && obj.Parent() != in.pass.Pkg.Scope() {
					m.origins[obj] = fed
				}
			}
			continue
		}
		if len(lhs) != len(rhs) {
			continue
		}
		for i, l := range lhs {
			o := originOf(info, rhs[i])
			if o == 0 {
				continue
			}
			if id, ok := l.(*ast.Ident); ok {
				if obj := info.ObjectOf(id); obj != nil && obj.Parent() != in.pass.Pkg.Scope() {
					m.origins[obj] = o
				}
			} else if key, ok := locks.KeyOf(in.pass.TypesInfo, l); ok && o == made {
				m.paired[key] = true // o.ch = make(chan T): made here, though kept in a field
			}
		}
	}
	return m
}

// markPaired records the channels (by variable and
// field path) that the function both sends on and receives from: a
// semaphore or token bucket whose other end is in hand, so a release never
// waits and an acquire is bounded by the function's own releases.
func (in *Info) markPaired(outer inspector.Cursor, m *chanVars) {
	sent := make(map[locks.Key]bool)
	received := make(map[locks.Key]bool)
	for cur := range outer.Preorder((*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.SendStmt:
			if key, ok := locks.KeyOf(in.pass.TypesInfo, n.Chan); ok {
				sent[key] = true
			}
		case *ast.UnaryExpr:
			if key, ok := locks.KeyOf(in.pass.TypesInfo, n.X); ok && n.Op == token.ARROW {
				received[key] = true
			}
		}
	}
	for key := range sent {
		if received[key] {
			m.paired[key] = true
		}
	}
}

// onlyClosed reports whether the package closes the variable or field
// that ch names and never sends on it: a receive there waits for a
// goroutine to finish or for a one-time event, as WaitGroup.Wait does.
func (in *Info) onlyClosed(ch ast.Expr) bool {
	obj := in.chanObject(ch)
	if obj == nil {
		return false
	}
	return in.closed[obj]
}

// findClosed finds the variables and fields that onlyClosed accepts.
func (in *Info) findClosed() map[types.Object]bool {
	closed := make(map[types.Object]bool)
	sent := make(map[types.Object]bool)
	for _, f := range in.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SendStmt:
				sent[in.chanObject(n.Chan)] = true
			case *ast.CallExpr:
				if analysisutil.IsBuiltin(in.pass.TypesInfo, n, "close") && len(n.Args) == 1 {
					closed[in.chanObject(n.Args[0])] = true
				}
			}
			return true
		})
	}
	for _, st := range in.stores { // a field holding a closed-only variable: s.donec = donec
		if id, ok := ast.Unparen(st.rhs).(*ast.Ident); ok && closed[in.pass.TypesInfo.Uses[id]] {
			closed[st.obj] = true
		}
	}
	for obj := range sent {
		delete(closed, obj)
	}
	return closed
}

// chanObject returns the variable or field a channel expression names.
func (in *Info) chanObject(ch ast.Expr) types.Object {
	if call, ok := ast.Unparen(ch).(*ast.CallExpr); ok { // c.closeNotify(), an accessor of a channel field
		if fn := analysisutil.Callee(in.pass.TypesInfo, call); fn != nil {
			return in.accessors[fn.Origin()]
		}
		return nil
	}
	return analysisutil.ObjectOf(in.pass.TypesInfo, ch)
}

// findAccessors records the package's methods whose whole body returns a
// channel field of the receiver: func (n *notifier) done() <-chan struct{}
// { return n.donec }. A channel got from one is that field.
func (in *Info) findAccessors(insp *inspector.Inspector) {
	in.accessors = make(map[*types.Func]types.Object)
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		if decl.Recv == nil || decl.Body == nil || len(decl.Body.List) != 1 {
			continue
		}
		ret, ok := decl.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			continue
		}
		sel, ok := ast.Unparen(ret.Results[0]).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		f, ok := in.pass.TypesInfo.Uses[sel.Sel].(*types.Var)
		fn, _ := in.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if ok && f.IsField() && isChan(f.Type()) && fn != nil {
			in.accessors[fn] = f
		}
	}
}

// chanStore is a channel value stored in a variable or field.
type chanStore struct {
	obj types.Object
	rhs ast.Expr
}

// findStores returns every store of a channel into a variable or field
// in the package: assignments, declarations and composite literal keys.
func (in *Info) findStores() []chanStore {
	info := in.pass.TypesInfo
	var locals []chanStore
	record := func(lhs ast.Expr, rhs ast.Expr) {
		var obj types.Object
		switch l := ast.Unparen(lhs).(type) {
		case *ast.Ident:
			obj = info.ObjectOf(l)
		case *ast.SelectorExpr:
			obj = info.ObjectOf(l.Sel)
		}
		if obj == nil {
			return
		}
		if _, isChan := obj.Type().Underlying().(*types.Chan); !isChan {
			return
		}
		locals = append(locals, chanStore{obj, rhs})
	}
	analysisutil.EachStore(in.pass.Files, info, record)
	return locals
}

// IsBuffered reports whether every channel the package stores in the
// variable or field that ch names is made with a buffer: a send there is
// a hand-off sized by design (a result slot, a queue), not a rendezvous.
func (in *Info) IsBuffered(ch ast.Expr) bool {
	obj := in.chanObject(ch)
	if obj == nil {
		return false
	}
	return in.buffered[obj]
}

// bufferedVars finds the variables and fields to which the package assigns
// only buffered channels (make(chan T, n) with n > 0, directly or through
// a local variable or another such field), and at least one.
func (in *Info) bufferedVars() map[types.Object]bool {
	state := make(map[types.Object]bool) // false once an unbuffered or unknown value is stored
	locals := in.stores
	// Makes first, then copies of variables and unknown values; a variable
	// stays unbuffered once any value stored in it is not known buffered.
	for round := 0; round < 2; round++ {
		for _, l := range locals {
			buffered, known := in.makesBuffered(l.rhs, state)
			if round == 0 && !known {
				continue
			}
			if prev, seen := state[l.obj]; seen && !prev {
				continue
			}
			state[l.obj] = buffered
		}
	}
	return state
}

// makesBuffered says whether e makes a buffered channel; known is false
// when e is neither a make nor a variable already classified.
func (in *Info) makesBuffered(e ast.Expr, state map[types.Object]bool) (buffered, known bool) {
	info := in.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if analysisutil.IsBuiltin(info, e, "make") {
			if len(e.Args) < 2 {
				return false, true
			}
			if tv, ok := info.Types[e.Args[1]]; ok && tv.Value != nil {
				return tv.Value.String() != "0", true
			}
			return true, true // a computed size, set by design
		}
	case *ast.Ident:
		if b, ok := state[info.ObjectOf(e)]; ok {
			return b, true
		}
	case *ast.SelectorExpr: // a copy of another field: comm{memMu: w.memMu}
		if b, ok := state[info.ObjectOf(e.Sel)]; ok {
			return b, true
		}
	}
	return false, false // a parameter, a call's result, nil: not known to be buffered
}
