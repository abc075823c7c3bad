package poolperrequest

import (
	_ "embed"
	"go/ast"
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
	"github.com/conclint/conclint/internal/pools"
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
		Name:     "poolperrequest",
		Doc:      analysisutil.MustExtractDoc(doc, "poolperrequest"),
		URL:      "https://github.com/conclint/conclint#poolperrequest",
		Requires: []*analysis.Analyzer{inspect.Analyzer, scope.Analyzer, blocking.Analyzer},
		Run:      func(pass *analysis.Pass) (any, error) { return run(pass, opts) },
	}
	a.Flags.BoolVar(&opts.Tests, "tests", opts.Tests, directive.TestsUsage)
	a.Flags.StringVar(&opts.Constructors, "constructors", opts.Constructors,
		`comma-separated extra pool constructors, as "path.Func" or "path.Type.Method"`)
	a.Flags.BoolVar(&opts.Call, "call", opts.Call,
		"also report a pool a function builds, uses and drops, whoever calls it (opt-in: on real code such functions mostly run once, daily or per CLI command)")
	return a
}

type checker struct {
	pass     *analysis.Pass
	scope    *scope.Info
	blocking *blocking.Info
	reporter *directive.Reporter
	pools    *pools.Finder
	perCall  bool // report pools built per call of a function (Options.Call)
}

// slowPace is the sleep per pass above which a loop is no hot path: a
// pool per pass of a loop that re-joins every hour leaks a connection or
// two a day, which an idle server closes anyway (blocking.Paces).
const slowPace = 10 * time.Minute

func run(pass *analysis.Pass, opts Options) (any, error) {
	extra := catalog.ParseKeys(opts.Constructors)
	bl := pass.ResultOf[blocking.Analyzer].(*blocking.Info)
	if analysisutil.InDependency(pass) || !pools.Needed(pass.Pkg, extra, bl.ImportsMakers) {
		return nil, nil // a dependency's pools are its authors'
	}
	reporter := directive.NewReporter(pass, opts.Tests)
	c := &checker{
		pass:     pass,
		scope:    pass.ResultOf[scope.Analyzer].(*scope.Info),
		blocking: bl,
		reporter: reporter,
		pools:    &pools.Finder{Info: pass.TypesInfo, Pkg: pass.Pkg, Extra: extra, Skip: reporter.Skip, Imported: bl.MakesPool},
		perCall:  opts.Call,
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	var sites []pools.Site
	if analysisutil.IsStd(pass) {
		sites = c.pools.Sites(insp) // the catalogue is std's API
	} else {
		sites = c.pools.FindMakers(insp) // this package's makers, with this analyzer's options
	}
	droppers := make(map[*types.Func]dropper)
	for _, s := range sites {
		if d, ok := c.check(s.Cur, s.What); ok {
			droppers[d.fn] = d
		}
	}
	if len(droppers) > 0 && !c.perCall { // -poolperrequest.call reports each where it is built
		c.checkDropperCalls(insp, droppers)
	}
	return nil, nil
}

// check reports the pool built at cur when it lives no longer than the
// request it serves, the loop iteration that builds it, or the call of the
// function that builds it. A pool of the last kind, reported or not, makes
// its function a dropper: check returns it.
func (c *checker) check(cur inspector.Cursor, what string) (dropper, bool) {
	if handler, ok := c.scope.Request(cur); ok {
		if fate := c.pools.Follow(cur, handler); !fate.Escapes && !fate.Returned {
			c.reporter.Reportf(ruleRequest, cur.Node(), "%s built per request: %s; build it once and share it", what, fate.Loss())
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
	fate := c.pools.Follow(cur, body)
	switch {
	case fate.Escapes || fate.Returned:
		return false
	case c.blocking.Paces(loop, slowPace):
		return true // a re-join every hour: one pool per pass costs little, nor does one per call
	case c.invariant(cur.Node(), loop.Node()):
		c.reporter.Reportf(ruleLoop, cur.Node(), "%s built in every loop iteration: %s; build it once before the loop", what, fate.Loss())
	case !fate.Closed:
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
	decl, ok := analysisutil.EnclosingDecl(cur)
	if !ok || c.pass.Pkg.Name() == "main" {
		return dropper{}, false
	}
	fn, ok := c.pass.TypesInfo.Defs[decl.Node().(*ast.FuncDecl).Name].(*types.Func)
	if !ok || fn.Name() == "init" {
		return dropper{}, false
	}
	fate := c.pools.FollowCall(cur, decl)
	if fate.Escapes || fate.Returned || c.inMemory(cur.Node()) {
		return dropper{}, false
	}
	name := analysisutil.DisplayName(fn)
	switch {
	case strings.HasPrefix(what, "http.Transport"):
		if c.perCall {
			c.reporter.Reportf(ruleCall, cur.Node(), "%s built per call of %s: %s; build it once and share it", what, name, fate.Loss())
		}
	case !fate.Closed:
		if c.perCall {
			c.reporter.Reportf(ruleCall, cur.Node(), "%s built per call of %s and never closed: each call's idle connections leak; build it once and share it, or close it before returning", what, name)
		}
	default:
		return dropper{}, false
	}
	return dropper{fn: fn, what: what, name: name, loss: fate.Loss()}, true
}

// dropper is a function that builds a pool per call and drops it.
type dropper struct {
	fn         *types.Func
	what, name string // the pool, the function's display name
	loss       string // pools.Fate.Loss
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
			if obj, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && pools.Within(obj.Pos(), loop) {
				varies = true
			}
		}
		return !varies
	})
	return !varies
}
