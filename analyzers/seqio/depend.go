package seqio

import (
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
)

// fnModel is the SSA of one function, with what its statements write.
type fnModel struct {
	a       *analyzer
	fcur    inspector.Cursor
	fn      *ssa.Function
	calls   map[token.Pos]*ssa.Call // by Lparen
	ids     map[ssa.Value]int       // roots of paths
	paths   map[ssa.Value]string
	writers []writer               // built on first use
	held    map[string][]ssa.Value // pointers stored into each local
	// barriers are round trips that are not reads: none may lie
	// between two calls that would run together.
	barriers []token.Pos
}

// A writer is an instruction that may change the memory at a path: a
// store, a map update, or a call given a pointer, slice, map or closure
// (which may write anything it reaches).
type writer struct {
	instr ssa.Instruction
	loc   string
}

// boundCall is an ioCall's SSA.
type boundCall struct {
	instrs []*ssa.Call // the round trip, and the Scan of its row
	recv   ssa.Value   // nil for a function
	ctx    ssa.Value   // the context argument, if any
}

func newFunc(a *analyzer, fcur inspector.Cursor, fn *ssa.Function) *fnModel {
	f := &fnModel{a: a, fcur: fcur, fn: fn, calls: make(map[token.Pos]*ssa.Call),
		ids: make(map[ssa.Value]int), paths: make(map[ssa.Value]string)}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				f.calls[call.Pos()] = call
			}
		}
	}
	return f
}

// bind finds c's SSA and reports whether c is a read that is safe to run
// beside others: its SQL is a SELECT, its HTTP request a GET, and its
// receiver and context carry no transaction or session.
func (f *fnModel) bind(c *ioCall) bool {
	call := f.calls[c.call.Lparen]
	if call == nil {
		return false
	}
	bc := &boundCall{instrs: []*ssa.Call{call}}
	if c.outer != c.call {
		outer := f.calls[c.outer.Lparen]
		if outer == nil {
			return false
		}
		bc.instrs = append(bc.instrs, outer)
	}
	common := call.Common()
	args := common.Args
	if common.IsInvoke() {
		bc.recv = common.Value
	} else if common.Signature().Recv() != nil && len(args) > 0 {
		bc.recv, args = args[0], args[1:]
	}
	for _, arg := range args {
		if analysisutil.IsContext(arg.Type()) {
			bc.ctx = arg
			break
		}
	}
	c.ssa = bc
	if !readCall(c.callee, args) {
		return false
	}
	return f.safeAlone(c)
}

// independent reports whether c may run beside every call of chain.
func (f *fnModel) independent(chain []*ioCall, c *ioCall) bool {
	for _, pos := range f.barriers {
		if pos > chain[0].outer.End() && pos < c.outer.Pos() {
			return false
		}
	}
	for _, e := range chain {
		if !runsAfter(f.a.pass.TypesInfo, e, c) || !f.canShare(e, c) || f.dependsOn(c.ssa, e.ssa) || f.lazyShared(e.ssa, c.ssa) {
			return false
		}
	}
	return true
}

// dependsOn reports whether anything b reads comes from a: a's results,
// or memory that a (or a call given a's results) may write.
func (f *fnModel) dependsOn(b, a *boundCall) bool {
	target := make(map[ssa.Instruction]bool)
	for _, call := range a.instrs {
		target[call] = true
	}
	own := make(map[ssa.Value]bool)
	for _, call := range b.instrs {
		own[call] = true
	}
	seen := make(map[ssa.Value]bool)
	seenWriter := make(map[int]bool)
	var stack []ssa.Value
	push := func(v ssa.Value) {
		if v != nil && !seen[v] {
			seen[v] = true
			stack = append(stack, v)
		}
	}
	pushOperands := func(instr ssa.Instruction) {
		for _, op := range instr.Operands(nil) {
			if *op != nil {
				push(*op)
			}
		}
	}
	// readMatching follows every write to memory that overlaps says may
	// reach; read, every write that may reach the memory at loc.
	readMatching := func(overlaps func(w string) bool) bool {
		for i, w := range f.writersOf() {
			if seenWriter[i] || !overlaps(w.loc) {
				continue
			}
			seenWriter[i] = true
			if target[w.instr] {
				return true
			}
			pushOperands(w.instr)
		}
		return false
	}
	read := func(loc string) bool { return readMatching(func(w string) bool { return related(loc, w) }) }
	for _, call := range b.instrs {
		pushOperands(call)
		for _, arg := range call.Call.Args {
			if !isReference(arg.Type()) {
				continue
			}
			switch loc := f.path(arg); f.rootKind(arg) {
			case 'a':
				// b's own arguments built here: a query filter filled from
				// a's result, the variadic arguments of a query.
				if read(loc) {
					return true
				}
			case 'x':
				// An object a call made for b (http.NewRequest's request):
				// what was written into it since, as a's token set in its
				// header. Writers of the object itself are its methods.
				if readMatching(func(w string) bool { return strings.HasPrefix(w, loc+"->") }) {
					return true
				}
			}
		}
	}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		instr, ok := v.(ssa.Instruction)
		if !ok {
			continue
		}
		if target[instr] {
			return true
		}
		if own[v] {
			pushOperands(instr)
			continue
		}
		switch v := v.(type) {
		case *ssa.UnOp:
			if v.Op == token.MUL && read(f.path(v.X)) {
				return true
			}
		case *ssa.Lookup:
			if _, isMap := v.X.Type().Underlying().(*types.Map); isMap && read(f.path(v.X)+"->[]") {
				return true
			}
		case *ssa.Call:
			// A call here reads what its arguments built in this function
			// point to (fill(&filter) after filter.ID = user.ID).
			for _, arg := range v.Call.Args {
				if isReference(arg.Type()) && f.rootKind(arg) == 'a' && read(f.path(arg)) {
					return true
				}
			}
		}
		pushOperands(instr)
	}
	return false
}

// related reports whether memory locations l and w overlap: one is the
// other or lies within it (a field of it, an element reached through it).
func related(l, w string) bool {
	return l == w || strings.HasPrefix(l, w+"->") || strings.HasPrefix(w, l+"->")
}

// writersOf returns the function's writers, computed once.
func (f *fnModel) writersOf() []writer {
	if f.writers != nil {
		return f.writers
	}
	f.writers = []writer{}
	// Pointers stored into a local array or struct travel with it: the
	// variadic arguments of rows.Scan(&a, &b) are such an array.
	f.held = make(map[string][]ssa.Value)
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && isReference(st.Val.Type()) && f.rootKind(st.Addr) == 'a' {
				root := rootOf(f.path(st.Addr))
				f.held[root] = append(f.held[root], st.Val)
			}
		}
	}
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Store:
				f.writers = append(f.writers, writer{instr, f.path(instr.Addr)})
			case *ssa.MapUpdate:
				f.writers = append(f.writers, writer{instr, f.path(instr.Map) + "->[]"})
			case ssa.CallInstruction:
				f.callWriters(instr)
			}
		}
	}
	return f.writers
}

// callWriters records what a call may write: what its reference
// arguments reach (contexts aside: nothing writes through one), and the
// variables of the closures it is given or calls.
func (f *fnModel) callWriters(instr ssa.CallInstruction) {
	common := instr.Common()
	vals := append([]ssa.Value(nil), common.Args...)
	if common.IsInvoke() {
		vals = append(vals, common.Value)
	} else if _, isFn := common.Value.(*ssa.Function); !isFn {
		vals = append(vals, common.Value)
	}
	for _, v := range vals {
		if analysisutil.IsContext(v.Type()) || !isReference(v.Type()) {
			continue
		}
		f.writers = append(f.writers, writer{instr, f.path(v)})
		if f.rootKind(v) == 'a' {
			for _, held := range f.held[rootOf(f.path(v))] {
				f.writers = append(f.writers, writer{instr, f.path(held)})
			}
		}
		if mc, ok := v.(*ssa.MakeClosure); ok {
			for _, bound := range mc.Bindings {
				f.writers = append(f.writers, writer{instr, f.path(bound)})
			}
		}
	}
}

// rootOf returns the root of a path: "a3" of "a3->f1@".
func rootOf(path string) string {
	i := 1
	for i < len(path) && path[i] >= '0' && path[i] <= '9' {
		i++
	}
	return path[:i]
}

// isReference reports whether a value of type t lets its holder change
// memory that others see.
func isReference(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return true
	}
	return false
}

// path names the memory a value is or points into, from a root (a
// local, parameter, free or global variable, or another value) through
// fields (->f1 of a pointer, .f1 of a value), elements (->[]) and loads (@).
func (f *fnModel) path(v ssa.Value) string {
	if p, ok := f.paths[v]; ok {
		return p
	}
	f.paths[v] = f.root(v) // a cycle through phis ends at a root
	var p string
	switch v := v.(type) {
	case *ssa.FieldAddr:
		p = f.path(v.X) + "->f" + strconv.Itoa(v.Field)
	case *ssa.Field:
		p = f.path(v.X) + ".f" + strconv.Itoa(v.Field)
	case *ssa.IndexAddr:
		p = f.path(v.X) + "->[]"
	case *ssa.Index:
		p = f.path(v.X) + ".[]"
	case *ssa.Lookup:
		p = f.path(v.X) + "->[]"
	case *ssa.UnOp:
		if v.Op == token.MUL {
			p = f.path(v.X) + "@"
		} else {
			p = f.root(v)
		}
	case *ssa.Slice:
		p = f.path(v.X)
	case *ssa.ChangeType:
		p = f.path(v.X)
	case *ssa.Convert:
		p = f.path(v.X)
	case *ssa.MakeInterface:
		p = f.path(v.X)
	case *ssa.ChangeInterface:
		p = f.path(v.X)
	default:
		p = f.root(v)
	}
	f.paths[v] = p
	return p
}

func (f *fnModel) root(v ssa.Value) string {
	id, ok := f.ids[v]
	if !ok {
		id = len(f.ids)
		f.ids[v] = id
	}
	return string(kindOf(v)) + strconv.Itoa(id)
}

// rootKind returns the kind of the root of v's path: 'a' for a local
// variable or a map or slice made here, 'p' a parameter, 'f' a free variable, 'g' a global, 'x'
// another value (a call's result).
func (f *fnModel) rootKind(v ssa.Value) byte { return f.path(v)[0] }

func kindOf(v ssa.Value) byte {
	switch v.(type) {
	case *ssa.Alloc, *ssa.MakeMap, *ssa.MakeSlice:
		return 'a' // memory made here: a call between two reads may fill it
	case *ssa.Parameter:
		return 'p'
	case *ssa.FreeVar:
		return 'f'
	case *ssa.Global:
		return 'g'
	}
	return 'x'
}

// sameRequest reports whether c calls the API method some call of chain
// calls (the same query with another filter, one lookup per name): one
// batched or merged request serves them better than two at once. Calls
// of a transport (http.Client.Do, gRPC Invoke) are requests of their
// own, and so are calls of one method with different constant paths or
// URLs.
func (f *fnModel) sameRequest(chain []*ioCall, c *ioCall) bool {
	if catalog.IsTransport(c.callee) {
		return false
	}
	for _, e := range chain {
		if e.callee.Origin() == c.callee.Origin() && !differentEndpoints(e.ssa, c.ssa) {
			return true
		}
	}
	return false
}

// differentEndpoints reports whether a and b differ in a constant string
// argument that names an endpoint: a path or a URL.
func differentEndpoints(a, b *boundCall) bool {
	x, y := a.instrs[0].Call.Args, b.instrs[0].Call.Args
	for i := 0; i < len(x) && i < len(y); i++ {
		p, q := stringPrefix(x[i]), stringPrefix(y[i])
		if p != q && endpoint(p) && endpoint(q) {
			return true
		}
	}
	return false
}

func endpoint(s string) bool { return strings.HasPrefix(s, "/") || strings.Contains(s, "://") }

// lazyShared reports whether a and b are given one pointer to a value
// with a lazy loader (a LoadX method, which fills a field the first time
// it is asked for): either call may fill it while the other reads it.
func (f *fnModel) lazyShared(a, b *boundCall) bool {
	seen := make(map[string]bool)
	for _, v := range refs(a) {
		if lazyLoaded(v.Type()) {
			seen[f.path(v)] = true
		}
	}
	for _, v := range refs(b) {
		if seen[f.path(v)] {
			return true
		}
	}
	return false
}

// refs are the receiver and arguments of a call.
func refs(c *boundCall) []ssa.Value {
	common := c.instrs[0].Common()
	vals := append([]ssa.Value(nil), common.Args...)
	if common.IsInvoke() {
		vals = append(vals, common.Value)
	}
	return vals
}

// lazyLoaded reports whether t is a pointer to a type with a method that
// loads into it (LoadOwner, LoadAttributes).
func lazyLoaded(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() == "sync" || named.Obj().Pkg().Path() == "sync/atomic" {
		return false // sync.Map's LoadOrStore is safe for concurrent use
	}
	for m := range named.Methods() {
		if words := analysisutil.CamelWords(m.Name()); len(words) > 1 && (words[0] == "load" || words[0] == "fill") {
			return true
		}
	}
	return false
}
