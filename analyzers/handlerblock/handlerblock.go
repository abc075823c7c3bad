package handlerblock

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/directive"
	"github.com/conclint/conclint/internal/scope"
)

//go:embed doc.go
var doc string

// Options configures one handlerblock analyzer. Each field is a flag of
// the analyzer (-handlerblock.waits), a golangci-lint setting and a config
// file key of the same name; New declares them.
type Options struct {
	Tests bool // check test files too
	Waits bool // report channel and Cond waits and waiting calls too
}

// DefaultOptions returns the options Analyzer runs with.
func DefaultOptions() Options { return Options{} }

// Analyzer reports request-scoped code that waits while ignoring its
// context, at the default options.
var Analyzer = New(DefaultOptions())

// New returns a handlerblock analyzer that runs with opts. Its flags set
// this analyzer's own copy of the options, which its runs read.
func New(opts Options) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "handlerblock",
		Doc:      analysisutil.MustExtractDoc(doc, "handlerblock"),
		URL:      "https://github.com/conclint/conclint#handlerblock",
		Requires: []*analysis.Analyzer{inspect.Analyzer, scope.Analyzer, blocking.Model},
		Run:      func(pass *analysis.Pass) (any, error) { return run(pass, opts) },
	}
	a.Flags.BoolVar(&opts.Tests, "tests", opts.Tests, directive.TestsUsage)
	a.Flags.BoolVar(&opts.Waits, "waits", opts.Waits, "also report channel, select and sync.Cond waits, and calls of functions that wait (opt-in: on real code most such waits have another way to end)")
	return a
}

// reported reports whether sites of kind k are checked in this run: sleeps
// and select {} always, sends (alone or in a select) in a request
// handler's own body too, whose client may be gone while the other side
// is busy; other waits on goroutines only with -waits.
func reported(k blocking.Kind, inHandler, waits bool) bool {
	switch k {
	case blocking.Sleep, blocking.SelectForever:
		return true
	case blocking.Send, blocking.Select:
		return waits || inHandler
	}
	return waits
}

func run(pass *analysis.Pass, opts Options) (any, error) {
	sc := pass.ResultOf[scope.Analyzer].(*scope.Info)
	bl := pass.ResultOf[blocking.Model].(*blocking.Info)
	reporter := directive.NewReporter(pass, opts.Tests)
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	// One function's waits of one kind on one thing (eight time.Sleep
	// calls between the steps of a cleanup) are one defect: one way to
	// watch the context mends them all.
	type waitKey struct {
		fn   ast.Node
		kind blocking.Kind
		what string
	}
	var waits directive.Grouped[waitKey]
	for fcur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if reporter.Skip(fcur.Node().Pos()) || reporter.Role(fcur.Node().Pos()) == directive.Demo || !contextAround(sc, fcur) || testOnly(sc, fcur) {
			continue
		}
		fn := sc.Func(fcur.Node())
		inHandler := fn != nil && fn.Kind.IsHandler()
		for _, site := range bl.Sites(fcur) {
			if !reported(site.Kind, inHandler, opts.Waits) {
				continue
			}
			cause, ok := bl.IgnoresCancel(site)
			if !ok {
				continue
			}
			src, ok := sc.Context(site.Cursor, reporter.Tests())
			if !ok || !sc.Cancellable(src) || sc.RunsApart(site.Cursor, src) || inGoClosure(pass, site.Cursor, src) || sc.KnownDone(site.Cursor) ||
				sc.DetachedAfter(site.Cursor) || sc.Hijacked(site.Cursor, src) ||
				site.Kind == blocking.Recv && joinsContextGoroutine(pass, fcur, site.Cursor, src) ||
				site.Kind == blocking.Call && bl.ReleasedOnDone(site) ||
				site.Kind == blocking.Select && site.Fed ||
				site.Kind == blocking.Send && sendIsHandOff(bl, site) ||
				site.Kind == blocking.Sleep && (inPollingLoop(pass, sc, site.Cursor, src) || inHandler && delaysResponse(site.Cursor)) {
				continue
			}
			waits.Add(waitKey{fcur.Node(), site.Kind, site.What}, diagnostic(pass, site, cause, src.Expr, ending(sc, site.Cursor, src)))
		}
	}
	waits.Report(reporter, "the same wait again in this function, ignoring the context too")
	return nil, nil
}

// contextAround reports whether the function at fcur, or one enclosing it,
// has a context source: only then can one be in scope inside it.
func contextAround(sc *scope.Info, fcur inspector.Cursor) bool {
	for c := range fcur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if fn := sc.Func(c.Node()); fn != nil && len(fn.Sources) > 0 {
			return true
		}
	}
	return false
}

// testOnly reports whether the function at fcur is, or is inside, a
// function that only tests reach (see scope.Info.TestOnly): a test
// program's hang or pause is its own business.
func testOnly(sc *scope.Info, fcur inspector.Cursor) bool {
	for decl := range fcur.Enclosing((*ast.FuncDecl)(nil)) {
		return sc.TestOnly(decl.Node().(*ast.FuncDecl))
	}
	return false
}

// ending says when the context src ends, for the message: when the
// request is gone if a handler's, else when it is cancelled.
func ending(sc *scope.Info, cur inspector.Cursor, src scope.Source) string {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn := sc.Func(c.Node())
		if fn == nil || !slices.ContainsFunc(fn.Sources, func(s scope.Source) bool { return s.Var == src.Var }) {
			continue
		}
		if fn.Kind.IsHandler() {
			return "the request is gone"
		}
		break
	}
	return src.Expr + " is cancelled"
}

// delaysResponse reports whether the sleep at cur delays a handler's
// response on purpose: the statement right after it returns, outside any
// loop (a throttle, or the same timing for every failed login whatever
// failed). Past a gone client it holds the goroutine for that one delay.
func delaysResponse(cur inspector.Cursor) bool {
	_, ok := blocking.ReturnsNext(cur)
	return ok
}

// inPollingLoop reports whether cur is inside a loop that leaves once the
// context is done, checked on every pass (a select case on ctx.Done() or
// an if on ctx.Err() that returns or breaks, or the loop's condition), or
// once a context it derives from is: a pause there delays the end by one
// pass, and the loop does end.
func inPollingLoop(pass *analysis.Pass, sc *scope.Info, cur inspector.Cursor, src scope.Source) bool {
	isCheck := func(call *ast.CallExpr) bool {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || len(call.Args) != 0 || sel.Sel.Name != "Done" && sel.Sel.Name != "Err" {
			return false
		}
		id, isIdent := ast.Unparen(sel.X).(*ast.Ident)
		return isIdent && sc.Within(src.Var, pass.TypesInfo.Uses[id]) || analysisutil.ExprString(pass.Fset, sel.X) == src.Expr
	}
	for loop := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		var body *ast.BlockStmt
		switch n := loop.Node().(type) {
		case *ast.ForStmt:
			if n.Cond != nil && containsCall(n.Cond, isCheck) {
				return true
			}
			body = n.Body
		case *ast.RangeStmt:
			body = n.Body
		default:
			return false
		}
		bodyCur, _ := loop.FindNode(body)
		polls := false
		bodyCur.Inspect([]ast.Node{(*ast.IfStmt)(nil), (*ast.CommClause)(nil), (*ast.FuncLit)(nil)}, func(c inspector.Cursor) bool {
			switch n := c.Node().(type) {
			case *ast.IfStmt:
				polls = polls || containsCall(n.Cond, isCheck) && leaves(n.Body.List, false)
			case *ast.CommClause:
				polls = polls || n.Comm != nil && containsCall(n.Comm, isCheck) && leaves(n.Body, true)
			case *ast.FuncLit:
				return false // a closure's checks are not the loop's
			}
			return !polls
		})
		if polls {
			return true
		}
	}
	return false
}

// containsCall reports whether n holds a call for which match is true.
func containsCall(n ast.Node, match func(*ast.CallExpr) bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && match(call) {
			found = true
		}
		return !found
	})
	return found
}

// leaves reports whether the statements end with a return, break or goto;
// inSelect, a break needs a label to leave the loop.
func leaves(stmts []ast.Stmt, inSelect bool) bool {
	if len(stmts) == 0 {
		return false
	}
	switch last := stmts[len(stmts)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return last.Tok == token.BREAK && (!inSelect || last.Label != nil) || last.Tok == token.GOTO
	}
	return false
}

// inGoClosure reports whether cur is inside a function literal, below the
// context's declaration, that is bound to a variable a go statement calls
// (f := func() {…}; go f()): it runs apart from the request.
func inGoClosure(pass *analysis.Pass, cur inspector.Cursor, src scope.Source) bool {
	for lit := range cur.Enclosing((*ast.FuncLit)(nil)) {
		if lit.Node().Pos() < src.Var.Pos() {
			return false
		}
		if startedAsGoroutine(pass, lit) {
			return true
		}
	}
	return false
}

// startedAsGoroutine reports whether the function literal at lit is bound
// to a variable (f := func() {…}) that a go statement calls.
func startedAsGoroutine(pass *analysis.Pass, lit inspector.Cursor) bool {
	v := analysisutil.BoundVar(pass.TypesInfo, lit)
	if v == nil {
		return false
	}
	for g := range lit.Parent().Parent().Preorder((*ast.GoStmt)(nil)) {
		if id, ok := ast.Unparen(g.Node().(*ast.GoStmt).Call.Fun).(*ast.Ident); ok && pass.TypesInfo.Uses[id] == v {
			return true
		}
	}
	return false
}

// joinsContextGoroutine reports whether, before the receive at site, the
// function started a goroutine that takes the context in scope: the
// receive then waits for that goroutine, which honours the context, as a
// WaitGroup wait on such goroutines does.
func joinsContextGoroutine(pass *analysis.Pass, fcur, site inspector.Cursor, src scope.Source) bool {
	for g := range fcur.Preorder((*ast.GoStmt)(nil)) {
		if g.Node().End() > site.Node().Pos() {
			break
		}
		for id := range g.Preorder((*ast.Ident)(nil)) {
			if pass.TypesInfo.Uses[id.Node().(*ast.Ident)] == src.Var {
				return true
			}
		}
	}
	return false
}

func diagnostic(pass *analysis.Pass, site blocking.Site, cause *blocking.Cause, ctx, ends string) analysis.Diagnostic {
	n := site.Cursor.Node()
	d := analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Category: ruleOf(site.Kind)}
	switch site.Kind {
	case blocking.Sleep:
		d.Message = fmt.Sprintf("%s ignores the context in scope, so the goroutine sleeps on after %s; wait on a timer in a select that also receives from %s.Done()",
			site.What, ends, ctx)
	case blocking.CondWait:
		d.Message = fmt.Sprintf("%s cannot be interrupted by the context in scope, so the goroutine waits on after %s; signal through a channel and select on it and %s.Done()",
			site.What, ends, ctx)
	case blocking.Send, blocking.Recv:
		d.Message = fmt.Sprintf("%s blocks without watching the context in scope, so the goroutine waits on after %s; select on it together with %s.Done()",
			site.What, ends, ctx)
	case blocking.Select:
		sel := n.(*ast.SelectStmt)
		d.End = analysisutil.KeywordEnd(sel.Select, "select")
		d.Message = fmt.Sprintf("%s has no %s.Done(), default or timer case, so it waits on after %s; add case <-%s.Done()",
			site.What, ctx, ends, ctx)
	case blocking.SelectForever:
		d.Message = fmt.Sprintf("select {} blocks for ever in request-scoped code; wait on <-%s.Done() instead", ctx)
	case blocking.Call:
		call := n.(*ast.CallExpr)
		d.Pos, d.End = call.Fun.Pos(), call.Fun.End()
		d.Message = fmt.Sprintf("%s waits with no way to cancel it, on %s; give it a context parameter, pass %s and select on its Done channel there",
			analysisutil.DisplayName(site.Callee), cause, ctx)
	}
	return d
}

// sendIsHandOff reports whether site sends on a channel of the package's
// API that only its users receive from (blocking.Info.UsersReceive), or
// on one only the package's service loops receive from, which take it
// as soon as they come round (blocking.Info.ServedByLoop).
func sendIsHandOff(bl *blocking.Info, site blocking.Site) bool {
	send, ok := site.Cursor.Node().(*ast.SendStmt)
	return ok && (bl.UsersReceive(send.Chan) || bl.ServedByLoop(send.Chan))
}
