package unboundedgo

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/directive"
	"github.com/conclint/conclint/internal/scope"
)

//go:embed doc.go
var doc string

// Options configures one unboundedgo analyzer. Each field is a flag of
// the analyzer (-unboundedgo.limit), a golangci-lint setting and a config
// file key of the same name; New declares them.
type Options struct {
	Tests bool   // check test files too
	Limit string // the expression the SetLimit fix inserts
	Data  bool   // also report collections a round trip returns (a listing, a query's rows): unboundedgo/data
}

// DefaultOptions returns the options Analyzer runs with.
func DefaultOptions() Options { return Options{Limit: "runtime.GOMAXPROCS(0)"} }

// Analyzer reports goroutines started per item of unbounded input, at the
// default options.
var Analyzer = New(DefaultOptions())

// New returns an unboundedgo analyzer that runs with opts. Its flags set
// this analyzer's own copy of the options, which its runs read.
func New(opts Options) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "unboundedgo",
		Doc:      analysisutil.MustExtractDoc(doc, "unboundedgo"),
		URL:      "https://github.com/conclint/conclint#unboundedgo",
		Requires: []*analysis.Analyzer{inspect.Analyzer, scope.Analyzer, blocking.Analyzer},
		Run:      func(pass *analysis.Pass) (any, error) { return run(pass, opts) },
	}
	a.Flags.BoolVar(&opts.Tests, "tests", opts.Tests, directive.TestsUsage)
	a.Flags.StringVar(&opts.Limit, "limit", opts.Limit, "the limit expression the errgroup SetLimit fix inserts")
	a.Flags.BoolVar(&opts.Data, "data", opts.Data, "also report one goroutine per item of what a round trip returns (a remote listing, a query's rows)")
	return a
}

const errgroupPath = "golang.org/x/sync/errgroup"

// checker holds what one run needs; it lives for one pass.
type checker struct {
	opts      Options
	pass      *analysis.Pass
	reporter  *directive.Reporter
	scope     *scope.Info
	blocking  *blocking.Info
	decls     map[*types.Func]*ast.FuncDecl // this package's functions, to look into spawned callees
	closures  map[*types.Var]*ast.FuncLit   // locals that only ever hold one function literal
	insp      *inspector.Inspector
	callSites map[*types.Func][]inspector.Cursor // calls of this package's functions, by callee (see callers)

	// roundTrips makes a round trip's result count as data (rule
	// unboundedgo/data, -unboundedgo.data); otherwise only a request, a
	// queue or a stream sizes a collection.
	roundTrips bool
}

// spawn is one place that starts a goroutine.
type spawn struct {
	cur     inspector.Cursor // the *ast.GoStmt or the *ast.CallExpr of g.Go
	fn      inspector.Cursor // the innermost enclosing function
	work    ast.Expr         // the call a go statement makes, or the func passed to g.Go
	isGroup bool             // an errgroup.Group.Go call
	group   *types.Var       // the errgroup variable of g.Go, or nil when not a plain variable
}

func run(pass *analysis.Pass, opts Options) (any, error) {
	c := &checker{
		opts:     opts,
		pass:     pass,
		reporter: directive.NewReporter(pass, opts.Tests),
		scope:    pass.ResultOf[scope.Analyzer].(*scope.Info),
		blocking: pass.ResultOf[blocking.Analyzer].(*blocking.Info),
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c.insp = insp
	c.decls = analysisutil.FuncDecls(pass.TypesInfo, insp)
	c.closures = findClosures(pass.TypesInfo, insp)
	for cur := range insp.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		if c.reporter.Skip(cur.Node().Pos()) {
			continue
		}
		sp, ok := c.spawnAt(cur)
		if !ok {
			continue
		}
		c.check(sp)
	}
	return nil, nil
}

// spawnAt recognizes a go statement, errgroup.Group.Go or
// sync.WaitGroup.Go (Go 1.25 and later) at cur.
func (c *checker) spawnAt(cur inspector.Cursor) (spawn, bool) {
	sp := spawn{cur: cur}
	switch n := cur.Node().(type) {
	case *ast.GoStmt:
		sp.work = n.Call
	case *ast.CallExpr:
		fn := analysisutil.Callee(c.pass.TypesInfo, n)
		isGroup := analysisutil.IsMethod(fn, errgroupPath, "Group", "Go")
		if !isGroup && !(analysisutil.IsMethod(fn, "sync", "WaitGroup", "Go") && analysisutil.GoVersionAtLeast(c.pass, n.Pos(), "go1.25")) {
			return sp, false
		}
		if len(n.Args) != 1 {
			return sp, false
		}
		sp.work = n.Args[0]
		if isGroup {
			sp.isGroup, sp.group = true, receiverVar(c.pass.TypesInfo, n)
		}
	}
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		sp.fn = f
		break
	}
	return sp, sp.fn.Valid()
}

// receiverVar returns the variable x of a call x.M(...), or nil.
func receiverVar(info *types.Info, call *ast.CallExpr) *types.Var {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	return v
}

// check reports sp if an enclosing loop of its function is driven by input
// and nothing visible limits the goroutines it starts across that loop. A
// limit made inside the loop (a semaphore per request) bounds only the
// inner fan-out: the input loop multiplies it, and is reported.
func (c *checker) check(sp spawn) {
	loops := enclosingLoops(sp)
	if len(loops) == 0 || c.runsOnce(sp) || !c.doesWork(sp) {
		return
	}
	for _, loop := range loops { // innermost first
		in, rule, ok := c.input(sp, loop)
		if !ok || !c.usesItem(sp, loop) {
			continue
		}
		if c.limited(sp, loop) {
			continue // an outer input loop may still multiply the limit
		}
		c.report(sp, in, rule)
		return
	}
}

// input is loopInput under each rule in turn: input a request, a queue or
// a stream sizes (unboundedgo/fanout), then, with -unboundedgo.data, what
// a round trip returns (unboundedgo/data). Reviewers found the second
// often bounded in practice (the clients of one session, a caller's keys
// grouped by slot), so it is opt-in.
func (c *checker) input(sp spawn, loop inspector.Cursor) (string, string, bool) {
	if in, ok := c.loopInput(sp, loop); ok {
		return in, ruleFanout, true
	}
	if !c.opts.Data {
		return "", "", false
	}
	c.roundTrips = true
	defer func() { c.roundTrips = false }()
	in, ok := c.loopInput(sp, loop)
	return in, ruleData, ok
}

// usesItem reports whether the goroutine of sp works on the loop's item:
// it mentions a variable the loop declares (its key, value or index, or a
// local of its body declared before the spawn). A goroutine that does not
// is a one-off under a condition (start a health check once recovered),
// not one per item.
func (c *checker) usesItem(sp spawn, loop inspector.Cursor) bool {
	spawnPos := sp.cur.Node().Pos()
	found := false
	ast.Inspect(sp.work, func(n ast.Node) bool {
		if found {
			return false
		}
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if ok && v.Pos() >= loop.Node().Pos() && v.Pos() < spawnPos {
			found = true // declared in the loop's header or body, before the spawn
		}
		return true
	})
	return found
}

// enclosingLoops returns the loops whose body holds sp, innermost first,
// up to sp's function.
func enclosingLoops(sp spawn) []inspector.Cursor {
	var loops []inspector.Cursor
	child := sp.cur
	for cur := sp.cur.Parent(); cur != sp.fn; child, cur = cur, cur.Parent() {
		switch child.ParentEdgeKind() {
		case edge.ForStmt_Body, edge.RangeStmt_Body:
			loops = append(loops, cur)
		}
	}
	return loops
}

// runsOnce reports whether the statement after the spawn leaves the loop
// (break or return), so the spawn runs at most once.
func (c *checker) runsOnce(sp spawn) bool {
	stmt := sp.cur
	if _, ok := stmt.Node().(*ast.CallExpr); ok {
		if _, ok := stmt.Parent().Node().(*ast.ExprStmt); !ok {
			return false
		}
		stmt = stmt.Parent()
	}
	next, ok := stmt.NextSibling()
	if !ok {
		return false
	}
	switch n := next.Node().(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return n.Label == nil && n.Tok == token.BREAK && !inSwitch(stmt)
	}
	return false
}

// inSwitch reports whether a break at stmt would leave a switch or select
// rather than the loop.
func inSwitch(stmt inspector.Cursor) bool {
	for cur := stmt.Parent(); ; cur = cur.Parent() {
		switch cur.Node().(type) {
		case *ast.CaseClause, *ast.CommClause:
			return true
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit, *ast.FuncDecl:
			return false
		}
	}
}

// findClosures returns the local variables of func type that are assigned
// exactly one function literal and nothing else.
func findClosures(info *types.Info, insp *inspector.Inspector) map[*types.Var]*ast.FuncLit {
	closures := make(map[*types.Var]*ast.FuncLit)
	ambiguous := make(map[*types.Var]bool)
	assign := func(id *ast.Ident, value ast.Expr) {
		v, ok := info.ObjectOf(id).(*types.Var)
		if !ok || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
			return
		}
		lit, isLit := ast.Unparen(value).(*ast.FuncLit)
		if !isLit || closures[v] != nil {
			ambiguous[v] = true
			return
		}
		closures[v] = lit
	}
	for cur := range insp.Root().Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
					var value ast.Expr
					if len(n.Lhs) == len(n.Rhs) {
						value = n.Rhs[i]
					}
					assign(id, value)
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if i < len(n.Values) {
					assign(id, n.Values[i])
				}
			}
		}
	}
	for v := range ambiguous {
		delete(closures, v)
	}
	return closures
}
