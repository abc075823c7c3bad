// Package pools is conclint's model of connection pools: which
// expressions build one (an http.Transport, a sql.DB, a catalogued or
// configured constructor, or a call of a function that returns a fresh
// one), which functions are such makers, and what becomes of a pool
// within a region (follow.go).
//
// The blocking analyzer exports the makers as MakesPool facts for every
// package, so that one analyzer carries the suite's facts; poolperrequest
// asks a Finder, with its own options, about the package it checks.
package pools

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
	"github.com/conclint/conclint/internal/flow"
)

// MakesPool marks a function that builds a fresh connection pool on every
// call and returns it (alone or inside a client): its calls are pool
// constructions, in any package.
type MakesPool struct {
	What       string // "http.Transport", "sql.DB (sql.Open)"
	ClosesIdle bool   // an http.Transport with an IdleConnTimeout: its idle connections do not leak
}

func (*MakesPool) AFact() {}

func (f *MakesPool) String() string {
	if f.ClosesIdle {
		return "makes " + f.What + ", closing idle connections"
	}
	return "makes " + f.What
}

// A Site is one construction of a pool.
type Site struct {
	Cur  inspector.Cursor
	What string // "http.Transport", "http.Transport from httpx.NewClient"
}

// A Finder answers questions about the pools of one package.
type Finder struct {
	Info     *types.Info
	Pkg      *types.Package
	Extra    map[string]bool              // constructors the user declares (catalog.ParseKeys)
	Skip     func(token.Pos) bool         // files not looked at (generated, tests unless asked)
	Imported func(*types.Func) *MakesPool // the fact of a function of another package, or nil

	makers map[*types.Func]string // this package's functions that return a fresh pool
	idle   map[*types.Func]bool   // makers whose pool closes its idle connections
}

// Needed reports whether a package needs a Finder: it imports a package
// that builds pools, or one of its imports exported makers (asked only
// when it does not: listing the facts costs more).
func Needed(pkg *types.Package, extra map[string]bool, importedMakers func() bool) bool {
	return analysisutil.Imports(pkg, catalog.PoolPackages(extra)...) || importedMakers()
}

// Makers returns the facts of this package's makers, once FindMakers ran.
func (f *Finder) Makers() map[*types.Func]*MakesPool {
	facts := make(map[*types.Func]*MakesPool, len(f.makers))
	for fn, what := range f.makers {
		facts[fn] = &MakesPool{What: what, ClosesIdle: f.idle[fn]}
	}
	return facts
}

// FindMakers returns the pool constructions of the package, after finding
// to a fixpoint the functions that return a fresh pool (helpers whose
// calls are constructions too).
func (f *Finder) FindMakers(insp *inspector.Inspector) []Site {
	for {
		changed := false
		sites := f.Sites(insp)
		for _, s := range sites {
			decl, ok := analysisutil.EnclosingDecl(s.Cur)
			if !ok {
				continue
			}
			fn, ok := f.Info.Defs[decl.Node().(*ast.FuncDecl).Name].(*types.Func)
			if !ok || f.makers[fn] != "" {
				continue
			}
			if fate := f.FollowCall(s.Cur, decl); fate.Returned && !fate.Escapes {
				if f.makers == nil {
					f.makers, f.idle = make(map[*types.Func]string), make(map[*types.Func]bool)
				}
				f.makers[fn], _, _ = strings.Cut(s.What, " from ")
				f.idle[fn] = f.closesIdle(s.Cur.Node())
				changed = true
			}
		}
		if !changed {
			return sites // no new maker: the sites are final
		}
	}
}

// Sites returns the pool constructions outside skipped files, with the
// makers found so far.
func (f *Finder) Sites(insp *inspector.Inspector) []Site {
	var sites []Site
	for cur := range insp.Root().Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
		if f.Skip(cur.Node().Pos()) {
			continue
		}
		if what, ok := f.pool(cur.Node()); ok {
			sites = append(sites, Site{cur, what})
		}
	}
	return sites
}

// pool reports whether n builds a connection pool, and names it.
func (f *Finder) pool(n ast.Node) (string, bool) {
	info := f.Info
	switch n := n.(type) {
	case *ast.CompositeLit:
		// With keep-alives off a Transport pools nothing.
		if t := info.TypeOf(n); t != nil && catalog.IsPoolType(t) && !f.transportSets(n, "DisableKeepAlives") {
			return TypeName(t), true
		}
	case *ast.CallExpr:
		if flow.IsNew(info, n) {
			if t := info.TypeOf(n.Args[0]); t != nil && catalog.IsPoolType(t) {
				return TypeName(t), true
			}
			return "", false
		}
		fn := analysisutil.Callee(info, n)
		if !catalog.IsPoolConstructor(fn, f.Extra) {
			if what, ok := f.maker(fn); ok {
				return what + " from " + analysisutil.DisplayName(fn), true
			}
			return "", false
		}
		sig := fn.Type().(*types.Signature)
		if sig.Results().Len() == 0 {
			return "", false
		}
		name := fn.Name()
		if sig.Recv() == nil {
			name = fn.Pkg().Name() + "." + name
		}
		return fmt.Sprintf("%s (%s)", TypeName(sig.Results().At(0).Type()), name), true
	}
	return "", false
}

// maker reports whether fn returns a fresh pool on every call, and what.
func (f *Finder) maker(fn *types.Func) (string, bool) {
	if fn == nil {
		return "", false
	}
	if what := f.makers[fn.Origin()]; what != "" {
		return what, true
	}
	if fn.Pkg() != f.Pkg {
		if fact := f.Imported(fn.Origin()); fact != nil {
			return fact.What, true
		}
	}
	return "", false
}

// TypeName renders a pool's type as users write it: http.Transport.
func TypeName(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		return n.Obj().Pkg().Name() + "." + n.Obj().Name()
	}
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

// transportSets reports whether n is an http.Transport literal that sets
// field to a value other than its zero (DisableKeepAlives: true,
// IdleConnTimeout: 30 * time.Second).
func (f *Finder) transportSets(n ast.Node, field string) bool {
	lit, ok := n.(*ast.CompositeLit)
	if !ok || !analysisutil.IsNamed(f.Info.TypeOf(lit), "net/http", "Transport") {
		return false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); !ok || key.Name != field {
			continue
		}
		tv := f.Info.Types[kv.Value]
		if tv.Value == nil {
			return true // set from a variable: assume the author meant it
		}
		switch tv.Value.Kind() {
		case constant.Bool:
			return constant.BoolVal(tv.Value)
		case constant.Int:
			return constant.Sign(tv.Value) != 0
		}
	}
	return false
}

// closesIdle reports whether the pool built at n closes its idle
// connections itself: an http.Transport literal with an IdleConnTimeout,
// or a call of a function that returns one.
func (f *Finder) closesIdle(n ast.Node) bool {
	if f.transportSets(n, "IdleConnTimeout") {
		return true
	}
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := analysisutil.Callee(f.Info, call)
	if fn == nil {
		return false
	}
	if _, local := f.makers[fn.Origin()]; local {
		return f.idle[fn.Origin()]
	}
	if fn.Pkg() == f.Pkg {
		return false
	}
	fact := f.Imported(fn.Origin())
	return fact != nil && fact.ClosesIdle
}
