package blocking

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// Work done out of sight of the call graph: a function literal that a
// callee calls (a pager given the request of one page,
// iterPages(func(page int) (…) { return c.List(ctx, page) })), and a call
// through one of the package's own unexported interfaces (a client's
// chain of request handlers). Both are followed only on evidence: the
// callee calls the parameter (Fact.CallsParams), and every implementation
// of the interface in the package does what is asked of it. The literal
// is followed for DoesIO, Costly and Blocks, and so is the interface,
// whose methods get those three facts in this package (not exported: no
// other package can name them); waits that ignore cancellation and
// bounded waits are not followed through either.

// maxParams bounds the parameters CallsParams records.
const maxParams = 32

// paramIndex returns i when e names the function's parameter i, of a
// function type.
func (in *Info) paramIndex(fn *types.Func, e ast.Expr) (int, bool) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return 0, false
	}
	v, ok := in.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() {
		return 0, false
	}
	if _, ok := v.Type().Underlying().(*types.Signature); !ok {
		return 0, false
	}
	params := fn.Signature().Params()
	for i := 0; i < params.Len() && i < maxParams; i++ {
		if params.At(i) == v {
			return i, true
		}
	}
	return 0, false
}

// argParam returns the callee's parameter that argument k of call is
// given to, when it is not variadic.
func argParam(sig *types.Signature, k int) bool {
	n := sig.Params().Len()
	return k < maxParams && k < n && !(sig.Variadic() && k == n-1)
}

// findCallsParams sets the CallsParams bits of the package's functions,
// to a fixpoint over the calls that pass a parameter on.
func (in *Info) findCallsParams(decls []*declared, curs []inspector.Cursor) {
	type use struct {
		d     *declared
		call  *ast.CallExpr
		param int // the parameter called, or -1: the call passes parameters on
	}
	var uses []use
	for i, d := range decls {
		if !hasFuncParam(d.fn.Signature()) {
			continue
		}
		for _, cur := range in.calls(curs[i]) {
			call := cur.Node().(*ast.CallExpr)
			if p, ok := in.paramIndex(d.fn, call.Fun); ok {
				uses = append(uses, use{d, call, p})
				continue
			}
			for _, arg := range call.Args {
				if _, ok := in.paramIndex(d.fn, arg); ok {
					uses = append(uses, use{d, call, -1})
					break
				}
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, u := range uses {
			bits := u.d.fact.CallsParams
			if u.param >= 0 {
				bits |= 1 << u.param
			} else if callee := analysisutil.Callee(in.pass.TypesInfo, u.call); callee != nil {
				if f := in.FactOf(callee); f != nil && f.CallsParams != 0 {
					for k, arg := range u.call.Args {
						if p, ok := in.paramIndex(u.d.fn, arg); ok && argParam(callee.Signature(), k) && f.CallsParams&(1<<k) != 0 {
							bits |= 1 << p
						}
					}
				}
			}
			if bits != u.d.fact.CallsParams {
				u.d.fact.CallsParams = bits
				changed = true
			}
		}
	}
}

// hasFuncParam reports whether one of the first maxParams parameters is
// a function.
func hasFuncParam(sig *types.Signature) bool {
	for i := 0; i < sig.Params().Len() && i < maxParams; i++ {
		if _, ok := sig.Params().At(i).Type().Underlying().(*types.Signature); ok {
			return true
		}
	}
	return false
}

// findPassedLits records the sites of every function literal given to a
// callee that calls it (see passedCause).
func (in *Info) findPassedLits(insp *inspector.Inspector) map[*ast.FuncLit][]Site {
	var out map[*ast.FuncLit][]Site
	for cur := range insp.Root().Preorder((*ast.FuncLit)(nil)) {
		kind, k := cur.ParentEdge()
		if kind != edge.CallExpr_Args {
			continue
		}
		callee := analysisutil.Callee(in.pass.TypesInfo, cur.Parent().Node().(*ast.CallExpr))
		if callee == nil || !argParam(callee.Signature(), k) {
			continue
		}
		if f := in.FactOf(callee); f == nil || f.CallsParams&(1<<k) == 0 {
			continue
		}
		if out == nil {
			out = make(map[*ast.FuncLit][]Site)
		}
		out[cur.Node().(*ast.FuncLit)] = in.Sites(cur)
	}
	return out
}

// passedCause returns the cause, by pick, of the first site of a function
// literal that the call at s gives to a callee that calls it: the callee
// does what the literal does, for its caller.
func (in *Info) passedCause(s Site, pick func(Site) (*Cause, bool)) (*Cause, bool) {
	if len(in.passed) == 0 {
		return nil, false
	}
	call, ok := s.Cursor.Node().(*ast.CallExpr)
	if !ok {
		return nil, false
	}
	for _, arg := range call.Args {
		lit, ok := ast.Unparen(arg).(*ast.FuncLit)
		if !ok {
			continue
		}
		for _, ls := range in.passed[lit] { // only literals the callee calls are there
			if c, ok := pick(ls); ok {
				if c = in.seenFrom(c, ls); c != nil {
					return c, true
				}
			}
		}
	}
	return nil, false
}

// An impl is a method of one of the package's unexported interfaces with
// its implementations in the package.
type impl struct {
	method *types.Func
	bases  []*declared // implementations that do the work
	// Implementations that call the method again (a handler that wraps
	// another) do what the one they wrap does, and are not bases.
}

// findImpls returns the methods of the package's unexported interfaces
// whose every implementation among the package's types is declared here
// with a body: such an interface is the package's own seam (a chain of
// handlers, a choice of backends), whose values the package makes.
func (in *Info) findImpls(byFn map[*types.Func]*declared) []impl {
	scope := in.pass.Pkg.Scope()
	var ifaces, concrete []*types.TypeName
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || !tn.Pos().IsValid() || in.pass.Fset.File(tn.Pos()) == nil || in.isTestFile(identAt(tn)) {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 {
			continue
		}
		if types.IsInterface(named) {
			if !tn.Exported() {
				ifaces = append(ifaces, tn)
			}
		} else {
			concrete = append(concrete, tn)
		}
	}
	var out []impl
	for _, tn := range ifaces {
		it := tn.Type().Underlying().(*types.Interface)
		var impls []types.Type
		for _, c := range concrete {
			if p := types.NewPointer(c.Type()); types.Implements(p, it) {
				impls = append(impls, p)
			}
		}
		if len(impls) == 0 {
			continue
		}
	methods:
		for i := range it.NumExplicitMethods() {
			m := it.ExplicitMethod(i)
			im := impl{method: m}
			for _, t := range impls {
				obj, _, _ := types.LookupFieldOrMethod(t, false, in.pass.Pkg, m.Name())
				fn, _ := obj.(*types.Func)
				if fn == m {
					continue // promoted from an embedded value of the interface: it wraps another
				}
				d := byFn[fn]
				if d == nil {
					continue methods // one implementation the facts cannot see
				}
				if !slicesContainsCall(d.sites, m) {
					im.bases = append(im.bases, d)
				}
			}
			if len(im.bases) > 0 {
				out = append(out, im)
			}
		}
	}
	return out
}

// identAt is a node at the object's declaration, for isTestFile.
func identAt(obj types.Object) ast.Node { return &ast.Ident{Name: obj.Name(), NamePos: obj.Pos()} }

func slicesContainsCall(sites []Site, m *types.Func) bool {
	for _, s := range sites {
		if s.Kind == Call && s.Callee == m {
			return true
		}
	}
	return false
}

// implFacts gives each interface method the I/O, cost and blocking that
// every one of its base implementations has, found through the first.
func (in *Info) implFacts(impls []impl) bool {
	changed := false
	for _, im := range impls {
		f := in.facts[im.method]
		if f == nil {
			f = new(Fact)
			in.facts[im.method] = f
		}
		for _, field := range []func(*Fact) **Cause{
			func(f *Fact) **Cause { return &f.IO },
			func(f *Fact) **Cause { return &f.Costly },
			func(f *Fact) **Cause { return &f.Blocks },
		} {
			if *field(f) != nil {
				continue
			}
			all := true
			for _, d := range im.bases {
				if *field(d.fact) == nil {
					all = false
					break
				}
			}
			if !all {
				continue
			}
			c, base := *field(im.bases[0].fact), im.bases[0].fn
			if c.Sync && c.Depth >= 1 {
				continue
			}
			*field(f) = &Cause{What: c.What, Where: c.Where, Via: analysisutil.DisplayName(base), Depth: c.Depth + 1, Sync: c.Sync, Stream: c.Stream, Scan: c.Scan}
			changed = true
		}
	}
	return changed
}
