package poolperrequest

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/catalog"
	"github.com/conclint/conclint/internal/directive"
	"github.com/conclint/conclint/internal/flow"
	"github.com/conclint/conclint/internal/scope"
)

//go:embed doc.go
var doc string

// Options configures one poolperrequest analyzer. Each field is a flag of
// the analyzer (-poolperrequest.constructors), a golangci-lint setting and
// a config file key of the same name; New declares them.
type Options struct {
	Tests        bool   // check test files too
	Constructors string // extra pool constructors, comma-separated "path.Func" or "path.Type.Method"
	Call         bool   // also report pools built per call of a function, whoever calls it (poolperrequest/call)
}

// DefaultOptions returns the options Analyzer runs with.
func DefaultOptions() Options { return Options{} }

// Analyzer reports connection pools built per request or loop iteration,
// at the default options.
var Analyzer = New(DefaultOptions())

// New returns a poolperrequest analyzer that runs with opts. Its flags set
// this analyzer's own copy of the options, which its runs read.
func New(opts Options) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:      "poolperrequest",
		Doc:       analysisutil.MustExtractDoc(doc, "poolperrequest"),
		URL:       "https://github.com/conclint/conclint#poolperrequest",
		Requires:  []*analysis.Analyzer{inspect.Analyzer, scope.Analyzer, blocking.Analyzer},
		Run:       func(pass *analysis.Pass) (any, error) { return run(pass, opts) },
		FactTypes: []analysis.Fact{new(MakesPool)},
	}
	a.Flags.BoolVar(&opts.Tests, "tests", opts.Tests, directive.TestsUsage)
	a.Flags.StringVar(&opts.Constructors, "constructors", opts.Constructors,
		`comma-separated extra pool constructors, as "path.Func" or "path.Type.Method"`)
	a.Flags.BoolVar(&opts.Call, "call", opts.Call,
		"also report a pool a function builds, uses and drops, whoever calls it (opt-in: on real code such functions mostly run once, daily or per CLI command)")
	return a
}

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

type checker struct {
	pass     *analysis.Pass
	scope    *scope.Info
	blocking *blocking.Info
	reporter *directive.Reporter
	extra    map[string]bool
	makers   map[*types.Func]string // this package's functions that return a fresh pool
	idle     map[*types.Func]bool   // makers whose pool closes its idle connections (see closesIdle)
	perCall  bool                   // report pools built per call of a function (Options.Call)
}

// slowPace is the sleep per pass above which a loop is no hot path: a
// pool per pass of a loop that re-joins every hour leaks a connection or
// two a day, which an idle server closes anyway (blocking.Paces).
const slowPace = 10 * time.Minute

// site is one construction of a pool.
type site struct {
	cur  inspector.Cursor
	what string
}

func run(pass *analysis.Pass, opts Options) (any, error) {
	extra := catalog.ParseKeys(opts.Constructors)
	if !analysisutil.Imports(pass.Pkg, catalog.PoolPackages(extra)...) && len(pass.AllObjectFacts()) == 0 {
		return nil, nil
	}
	c := &checker{
		pass:     pass,
		scope:    pass.ResultOf[scope.Analyzer].(*scope.Info),
		blocking: pass.ResultOf[blocking.Analyzer].(*blocking.Info),
		reporter: directive.NewReporter(pass, opts.Tests),
		extra:    extra,
		makers:   make(map[*types.Func]string),
		idle:     make(map[*types.Func]bool),
		perCall:  opts.Call,
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	var sites []site
	if analysisutil.IsStd(pass) {
		sites = c.sites(insp) // the catalogue is std's API
	} else {
		sites = c.findMakers(insp)
	}
	for fn, what := range c.makers {
		pass.ExportObjectFact(fn, &MakesPool{What: what, ClosesIdle: c.idle[fn]})
	}
	if analysisutil.InDependency(pass) {
		return nil, nil // only its facts serve: its pools are its authors' (and scope has no model of it)
	}
	droppers := make(map[*types.Func]dropper)
	for _, s := range sites {
		if d, ok := c.check(s.cur, s.what); ok {
			droppers[d.fn] = d
		}
	}
	if len(droppers) > 0 && !c.perCall { // -poolperrequest.call reports each where it is built
		c.checkDropperCalls(insp, droppers)
	}
	return nil, nil
}

// findMakers returns the pool constructions of the package, after finding
// to a fixpoint the functions that return a fresh pool (helpers whose
// calls are constructions too).
func (c *checker) findMakers(insp *inspector.Inspector) []site {
	for {
		changed := false
		sites := c.sites(insp)
		for _, s := range sites {
			decl, ok := outermostDecl(s.cur)
			if !ok {
				continue
			}
			fn, ok := c.pass.TypesInfo.Defs[decl.Node().(*ast.FuncDecl).Name].(*types.Func)
			if !ok || c.makers[fn] != "" {
				continue
			}
			if fate := c.followCall(s.cur, decl); fate.returned && !fate.escapes {
				c.makers[fn], _, _ = strings.Cut(s.what, " from ")
				c.idle[fn] = c.closesIdle(s.cur.Node())
				changed = true
			}
		}
		if !changed {
			return sites // no new maker: the sites are final
		}
	}
}

// sites returns the pool constructions outside skipped files.
func (c *checker) sites(insp *inspector.Inspector) []site {
	var sites []site
	for cur := range insp.Root().Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
		if c.reporter.Skip(cur.Node().Pos()) {
			continue
		}
		if what, ok := c.pool(cur.Node()); ok {
			sites = append(sites, site{cur, what})
		}
	}
	return sites
}

// outermostDecl returns the function declaration holding cur.
func outermostDecl(cur inspector.Cursor) (inspector.Cursor, bool) {
	for f := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return f, true
	}
	return inspector.Cursor{}, false
}

// pool reports whether n builds a connection pool, and names it.
func (c *checker) pool(n ast.Node) (string, bool) {
	info := c.pass.TypesInfo
	switch n := n.(type) {
	case *ast.CompositeLit:
		// With keep-alives off a Transport pools nothing.
		if t := info.TypeOf(n); t != nil && catalog.IsPoolType(t) && !c.transportSets(n, "DisableKeepAlives") {
			return typeName(t), true
		}
	case *ast.CallExpr:
		if flow.IsNew(info, n) {
			if t := info.TypeOf(n.Args[0]); t != nil && catalog.IsPoolType(t) {
				return typeName(t), true
			}
			return "", false
		}
		fn := analysisutil.Callee(info, n)
		if !catalog.IsPoolConstructor(fn, c.extra) {
			if what, ok := c.maker(fn); ok {
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
		return fmt.Sprintf("%s (%s)", typeName(sig.Results().At(0).Type()), name), true
	}
	return "", false
}

// maker reports whether fn returns a fresh pool on every call, and what.
func (c *checker) maker(fn *types.Func) (string, bool) {
	if fn == nil {
		return "", false
	}
	if what := c.makers[fn.Origin()]; what != "" {
		return what, true
	}
	var f MakesPool
	if fn.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(fn.Origin(), &f) {
		return f.What, true
	}
	return "", false
}

// check reports the pool built at cur when it lives no longer than the
// request it serves, the loop iteration that builds it, or the call of the
// function that builds it. A pool of the last kind, reported or not, makes
// its function a dropper: check returns it.
func (c *checker) check(cur inspector.Cursor, what string) (dropper, bool) {
	if handler, ok := c.scope.Request(cur); ok {
		if fate := c.follow(cur, handler); !fate.escapes && !fate.returned {
			c.reporter.Reportf(ruleRequest, cur.Node(), "%s built per request: %s; build it once and share it", what, fate.loss())
			return dropper{}, false
		}
	}
	if c.checkLoop(cur, what) {
		return dropper{}, false
	}
	return c.checkCall(cur, what)
}

// checkLoop reports the pool built at cur in a loop body that it does not
// outlive, and reports whether it did or the loop's slow pace excuses it.
func (c *checker) checkLoop(cur inspector.Cursor, what string) bool {
	loop, ok := enclosingLoop(cur)
	if !ok {
		return false
	}
	body, ok := loop.FindNode(loopBody(loop.Node()))
	if !ok {
		return false
	}
	fate := c.follow(cur, body)
	switch {
	case fate.escapes || fate.returned:
		return false
	case c.blocking.Paces(loop, slowPace):
		return true // a re-join every hour: one pool per pass costs little, nor does one per call
	case c.invariant(cur.Node(), loop.Node()):
		c.reporter.Reportf(ruleLoop, cur.Node(), "%s built in every loop iteration: %s; build it once before the loop", what, fate.loss())
	case !fate.closed:
		c.reporter.Reportf(ruleLoop, cur.Node(), "%s built in a loop and never closed: each iteration's idle connections leak; close it before the iteration ends, or keep one per target", what)
	default:
		return false
	}
	return true
}

// checkCall reports a pool that the function building it uses and drops:
// a pool per call, whoever calls it. An http.Transport is never meant to
// live for one call; another pool closed before the function returns is a
// one-off task's (a migration, a check), and is left alone. Programs
// (package main) run their functions once.
func (c *checker) checkCall(cur inspector.Cursor, what string) (dropper, bool) {
	decl, ok := outermostDecl(cur)
	if !ok || c.pass.Pkg.Name() == "main" {
		return dropper{}, false
	}
	fn, ok := c.pass.TypesInfo.Defs[decl.Node().(*ast.FuncDecl).Name].(*types.Func)
	if !ok || fn.Name() == "init" {
		return dropper{}, false
	}
	fate := c.followCall(cur, decl)
	if fate.escapes || fate.returned || c.inMemory(cur.Node()) {
		return dropper{}, false
	}
	name := analysisutil.DisplayName(fn)
	switch {
	case strings.HasPrefix(what, "http.Transport"):
		if c.perCall {
			c.reporter.Reportf(ruleCall, cur.Node(), "%s built per call of %s: %s; build it once and share it", what, name, fate.loss())
		}
	case !fate.closed:
		if c.perCall {
			c.reporter.Reportf(ruleCall, cur.Node(), "%s built per call of %s and never closed: each call's idle connections leak; build it once and share it, or close it before returning", what, name)
		}
	default:
		return dropper{}, false
	}
	return dropper{fn: fn, what: what, name: name, loss: fate.loss()}, true
}

// dropper is a function that builds a pool per call and drops it.
type dropper struct {
	fn         *types.Func
	what, name string // the pool, the function's display name
	loss       string // fate.loss
}

// checkDropperCalls reports, by default, the calls of droppers (functions
// that build a pool per call and drop it, see checkCall) made per request
// or per loop iteration: the evidence -poolperrequest.call does without.
func (c *checker) checkDropperCalls(insp *inspector.Inspector, droppers map[*types.Func]dropper) {
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn := analysisutil.Callee(c.pass.TypesInfo, call)
		if fn == nil || c.reporter.Skip(call.Pos()) {
			continue
		}
		d, ok := droppers[fn.Origin()]
		if !ok {
			continue
		}
		if _, ok := c.scope.Request(cur); ok {
			c.reporter.Reportf(ruleRequest, call, "%s built by %s on every call, and this handler calls it per request: %s; build it once and share it", d.what, d.name, d.loss)
			continue
		}
		if loop, ok := enclosingLoop(cur); ok && !c.blocking.Paces(loop, slowPace) {
			c.reporter.Reportf(ruleLoop, call, "%s built by %s on every call, and this loop calls it once per iteration: %s; build it once and share it", d.what, d.name, d.loss)
		}
	}
}

// inMemory reports whether n is an http.Transport literal that dials
// through a function literal of its own (an in-memory pipe, a recorded
// connection): it never pools connections to a peer.
func (c *checker) inMemory(n ast.Node) bool {
	lit, ok := n.(*ast.CompositeLit)
	if !ok {
		if u, isAddr := n.(*ast.UnaryExpr); isAddr {
			lit, ok = u.X.(*ast.CompositeLit)
		}
	}
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && strings.HasPrefix(key.Name, "Dial") {
				if _, isLit := ast.Unparen(kv.Value).(*ast.FuncLit); isLit {
					return true
				}
			}
		}
	}
	return false
}

// loss says what a pool that dies with its request or iteration costs.
func (f fate) loss() string {
	if f.closed {
		return "every call dials new connections instead of reusing pooled ones"
	}
	return "every call dials new connections and idle ones leak"
}

// enclosingLoop returns the innermost for or range statement whose body
// holds cur, looking through function literals that are called or started
// right there (wg.Go(func() {…}), go func() {…}()), and no further.
func enclosingLoop(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := cur.Parent(); ; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.File, *ast.FuncDecl, nil:
			return inspector.Cursor{}, false
		case *ast.FuncLit:
			if _, called := c.Parent().Node().(*ast.CallExpr); !called {
				return inspector.Cursor{}, false
			}
		case *ast.BlockStmt:
			switch c.Parent().Node().(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				return c.Parent(), true
			}
		}
	}
}

func loopBody(loop ast.Node) ast.Node {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	return loop
}

// invariant reports whether the pool built by n depends on nothing the
// loop declares: every iteration builds the same pool again.
func (c *checker) invariant(n, loop ast.Node) bool {
	varies := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok {
			if obj, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && within(obj.Pos(), loop) {
				varies = true
			}
		}
		return !varies
	})
	return !varies
}

// typeName renders a pool's type as users write it: http.Transport.
func typeName(t types.Type) string {
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
func (c *checker) transportSets(n ast.Node, field string) bool {
	lit, ok := n.(*ast.CompositeLit)
	if !ok || !analysisutil.IsNamed(c.pass.TypesInfo.TypeOf(lit), "net/http", "Transport") {
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
		tv := c.pass.TypesInfo.Types[kv.Value]
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
func (c *checker) closesIdle(n ast.Node) bool {
	if c.transportSets(n, "IdleConnTimeout") {
		return true
	}
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := analysisutil.Callee(c.pass.TypesInfo, call)
	if fn == nil {
		return false
	}
	if _, local := c.makers[fn.Origin()]; local {
		return c.idle[fn.Origin()]
	}
	var f MakesPool
	return fn.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(fn.Origin(), &f) && f.ClosesIdle
}
