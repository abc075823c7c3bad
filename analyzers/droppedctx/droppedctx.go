package droppedctx

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

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

// Options configures one droppedctx analyzer. Each field is a flag of the
// analyzer (-droppedctx.logging), a golangci-lint setting and a config
// file key of the same name; New declares them.
type Options struct {
	Logging   bool // report logging calls too
	Processes bool // report exec.Command too
	Tests     bool // check test files too
}

// DefaultOptions returns the options Analyzer runs with.
func DefaultOptions() Options { return Options{} }

// Analyzer reports work that drops the context in scope, at the default
// options.
var Analyzer = New(DefaultOptions())

// New returns a droppedctx analyzer that runs with opts. Its flags set
// this analyzer's own copy of the options, which its runs read.
func New(opts Options) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:      "droppedctx",
		Doc:       analysisutil.MustExtractDoc(doc, "droppedctx"),
		URL:       "https://github.com/conclint/conclint#droppedctx",
		Requires:  []*analysis.Analyzer{inspect.Analyzer, scope.Analyzer, blocking.Analyzer},
		Run:       func(pass *analysis.Pass) (any, error) { return run(pass, opts) },
		FactTypes: []analysis.Fact{new(dropsFact)},
	}
	a.Flags.BoolVar(&opts.Logging, "logging", opts.Logging, "also report logging calls that have a context variant (slog.Info and slog.InfoContext)")
	a.Flags.BoolVar(&opts.Processes, "processes", opts.Processes, "also report exec.Command where exec.CommandContext would kill the process when the context is canceled")
	a.Flags.BoolVar(&opts.Tests, "tests", opts.Tests, directive.TestsUsage)
	return a
}

// checker holds what one run needs; it lives for one pass.
type checker struct {
	opts            Options
	pass            *analysis.Pass
	scope           *scope.Info
	blocking        *blocking.Info
	decls           map[*types.Func]*ast.FuncDecl // this package's functions
	reporter        *directive.Reporter
	drops           map[*types.Func]*dropsFact       // this package's functions, see facts.go
	variants        map[*types.Func]*catalog.Variant // memo of variant: nil means none
	transitive      directive.Grouped[*types.Func]   // rule c's diagnostics by callee: one context parameter mends every call
	tracingClosures map[ast.Node]bool                // function literals capturedByEscapingClosure is following

	ifaceMethods map[string][]*types.Signature // see fixedByInterface; filled on first use
	clients      map[types.Object]bool         // see clientTimeouts; filled on first use
}

func run(pass *analysis.Pass, opts Options) (any, error) {
	if analysisutil.InDependency(pass) {
		// Its drops are its authors' to fix: its facts serve only its own
		// module (factOf), whose packages are dependencies too.
		return nil, nil
	}
	c := &checker{
		opts:     opts,
		pass:     pass,
		scope:    pass.ResultOf[scope.Analyzer].(*scope.Info),
		blocking: pass.ResultOf[blocking.Analyzer].(*blocking.Info),
		reporter: directive.NewReporter(pass, opts.Tests),
		variants: make(map[*types.Func]*catalog.Variant),
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c.decls = analysisutil.FuncDecls(pass.TypesInfo, insp)
	c.computeFacts(insp)
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil), (*ast.SelectorExpr)(nil), (*ast.GoStmt)(nil)) {
		if c.reporter.Skip(cur.Node().Pos()) {
			continue
		}
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			c.checkCall(cur, n)
			c.checkCaptured(cur, n)
		case *ast.SelectorExpr:
			c.checkMethodValue(cur, n)
		case *ast.GoStmt:
			c.checkGoroutine(cur, n)
		}
	}
	c.transitive.Report(c.reporter, "another call of the same function, where the context is dropped too")
	return nil, nil
}

// inScope returns the context in scope at cur, unless nobody can cancel it
// (scope.Cancellable), or the code there runs detached from it or after it
// is done, where dropping it is deliberate, or nobody cancels it any more
// (a request whose connection the handler took over). A goroutine its
// starter joins with a WaitGroup runs within the context.
func (c *checker) inScope(cur inspector.Cursor) (scope.Source, bool) {
	src, ok := c.scope.Context(cur, c.reporter.Tests())
	if !ok || !c.scope.Cancellable(src) || c.scope.RunsApartUnjoined(cur, src) || c.scope.KnownDone(cur) || c.scope.Hijacked(cur, src) {
		return scope.Source{}, false
	}
	return src, true
}

// checkCall applies rules a (root contexts), b (non-context variants) and
// c (callees known to drop the context).
func (c *checker) checkCall(cur inspector.Cursor, call *ast.CallExpr) {
	fn := analysisutil.Callee(c.pass.TypesInfo, call)
	if fn == nil {
		return
	}
	if isRootContext(fn) {
		if src, ok := c.inScope(cur); ok && !c.escapes(cur) && !c.feedsLogging(cur) && !c.saysDetached(cur) && !copiesDeadline(c.pass.TypesInfo, cur) &&
			!c.rootForCallerWork(cur, src) && c.reachesWait(cur) {
			c.reportRoot(call, fn, src)
		}
		return
	}
	if v, ok := c.variant(fn); ok {
		if src, ok := c.inScope(cur); ok && !c.requestEscapes(cur, fn) && !implements(cur, v) && !c.usesStoredContext(cur, call, src) && !c.waitsOnContextWork(cur, call, src) && !c.boundedShort(cur, call, fn) && !closesOnDone(c.pass.TypesInfo, cur) {
			c.reportVariant(call, fn, v, src)
		}
		return
	}
	if fact := c.factOf(fn); fact != nil && !c.argBounded(cur, call, fact) {
		if src, ok := c.inScope(cur); ok && !c.runsCallerWork(cur, src) {
			advice := fmt.Sprintf("give it a context parameter and pass %s", src.Expr)
			if sib, ok := catalog.ContextSibling(fn); ok {
				advice = fmt.Sprintf("call %s with %s instead", sib, src.Expr)
			}
			c.transitive.Add(fn.Origin(), analysis.Diagnostic{
				Pos: call.Fun.Pos(), End: call.Fun.End(), Category: ruleTransitive,
				Message: fmt.Sprintf("%s drops the caller's context: it calls %s (%s)%s; %s",
					analysisutil.DisplayName(fn), fact.Cause, fact.Where, fact.via(), advice),
			})
		}
	}
}

// checkMethodValue reports a non-context method or function taken as a
// value (f := db.Query, f := http.Get) where a context is in scope and
// the value is called or handed on; calls are checkCall's.
func (c *checker) checkMethodValue(cur inspector.Cursor, sel *ast.SelectorExpr) {
	if call, ok := cur.Parent().Node().(*ast.CallExpr); ok && call.Fun == sel {
		return
	}
	kind := "function"
	fn, _ := c.pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	if s, ok := c.pass.TypesInfo.Selections[sel]; ok {
		if s.Kind() != types.MethodVal {
			return
		}
		kind, fn = "method", s.Obj().(*types.Func)
	} else if fn == nil || fn.Signature().Recv() != nil {
		return // not a function, or a method expression
	}
	v, ok := c.variant(fn)
	if !ok || !c.valueUsed(cur) {
		return
	}
	if src, ok := c.inScope(cur); ok {
		c.reporter.Reportf(ruleVariant, sel, "%s value %s ignores the context in scope, so calls through it outlive cancellation; call %s with %s instead",
			kind, analysisutil.ExprString(c.pass.Fset, sel), v.Use, src.Expr)
	}
}

// valueUsed reports whether a function value may be called: it is not
// discarded (_ = client.Get), nor kept in a local variable that is only
// discarded in turn.
func (c *checker) valueUsed(cur inspector.Cursor) bool {
	s := flow.SiteOf(c.pass.TypesInfo, cur)
	if s.Kind != flow.Assigned {
		return true
	}
	for _, t := range flow.Targets(c.pass.TypesInfo, s) {
		if !c.isLocal(t.Expr) {
			return true
		}
		if t.Var == nil {
			continue // blank
		}
		for use := range analysisutil.EnclosingFunc(cur).Preorder((*ast.Ident)(nil)) {
			if c.pass.TypesInfo.Uses[use.Node().(*ast.Ident)] == t.Var && !c.discarded(use) {
				return true
			}
		}
	}
	return false
}

// discarded reports whether the value at cur is assigned to blank only.
func (c *checker) discarded(cur inspector.Cursor) bool {
	s := flow.SiteOf(c.pass.TypesInfo, cur)
	if s.Kind != flow.Assigned {
		return false
	}
	for _, t := range flow.Targets(c.pass.TypesInfo, s) {
		if id, ok := ast.Unparen(t.Expr).(*ast.Ident); !ok || id.Name != "_" {
			return false
		}
	}
	return true
}

// implements reports whether the call at cur sits in the body of the
// variant itself (CommandContext calling Command), which adds the context.
func implements(cur inspector.Cursor, v catalog.Variant) bool {
	for fcur := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return v.Rename != "" && fcur.Node().(*ast.FuncDecl).Name.Name == v.Rename
	}
	return false
}

// variant is asked for every call, and looking for siblings of a method
// costs a method lookup per suffix, so answers are kept per callee.
func (c *checker) variant(fn *types.Func) (catalog.Variant, bool) {
	v, seen := c.variants[fn]
	if !seen {
		if (c.opts.Logging || !catalog.IsLogging(fn)) && (c.opts.Processes || !startsProcess(fn)) && !isConstructor(fn) {
			if found, ok := catalog.ContextVariant(fn); ok && !c.instantVariant(fn, found) {
				v = &found
			}
		}
		c.variants[fn] = v
	}
	if v == nil {
		return catalog.Variant{}, false
	}
	return *v, true
}

// startsProcess reports whether fn is exec.Command. Its variant kills the
// process when the context is canceled, which for a command that changes
// state (dmsetup, mknod, mount) can leave it half done: whether to is the
// author's choice, and it waits on no peer, so -droppedctx.processes
// reports it.
func startsProcess(fn *types.Func) bool {
	return analysisutil.IsFunc(fn, "os/exec", "Command")
}

// detachHint returns hint where context.WithoutCancel exists (Go 1.21).
func (c *checker) detachHint(pos token.Pos, hint string) string {
	if analysisutil.GoVersionAtLeast(c.pass, pos, "go1.21") {
		return hint
	}
	return ""
}

// feedsLogging reports whether the root context at cur is passed straight
// to a logging call (slog.LogAttrs(context.Background(), …)), which waits on
// nothing; -droppedctx.logging reports those too.
func (c *checker) feedsLogging(cur inspector.Cursor) bool {
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	return ok && !c.opts.Logging && catalog.IsLogging(analysisutil.Callee(c.pass.TypesInfo, call))
}

func isRootContext(fn *types.Func) bool {
	return analysisutil.IsFunc(fn, "context", "Background", "TODO")
}

func (c *checker) reportRoot(call *ast.CallExpr, fn *types.Func, src scope.Source) {
	c.reporter.Report(analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(), Category: ruleBackground,
		Message: fmt.Sprintf("context.%s discards the context in scope (%s), so cancellation and deadlines stop here; pass %s%s",
			fn.Name(), src.Expr, src.Expr, c.detachHint(call.Pos(), ", or context.WithoutCancel("+src.Expr+") to detach on purpose")),
		SuggestedFixes: []analysis.SuggestedFix{{
			Message:   "Use " + src.Expr,
			TextEdits: []analysis.TextEdit{analysisutil.Replace(call, src.Expr)},
		}},
	})
}

func (c *checker) reportVariant(call *ast.CallExpr, fn *types.Func, v catalog.Variant, src scope.Source) {
	d := analysis.Diagnostic{
		Pos: call.Fun.Pos(), End: call.Fun.End(), Category: ruleVariant,
		Message: fmt.Sprintf("%s ignores the context in scope and runs on after it is canceled; use %s(%s, …)",
			analysisutil.DisplayName(fn), v.Use, src.Expr),
	}
	if v.Rename == "" {
		d.Message = fmt.Sprintf("%s ignores the context in scope and runs on after it is canceled; use %s with %s",
			analysisutil.DisplayName(fn), v.Use, src.Expr)
	} else if name := calleeIdent(call.Fun); name != nil {
		insert := src.Expr
		if len(call.Args) > 0 {
			insert += ", "
		}
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message: fmt.Sprintf("Call %s with %s", v.Rename, src.Expr),
			TextEdits: []analysis.TextEdit{
				analysisutil.Replace(name, v.Rename),
				analysisutil.InsertAt(analysisutil.KeywordEnd(call.Lparen, "("), insert),
			},
		}}
	}
	c.reporter.Report(d)
}

// calleeIdent returns the identifier naming the callee in call.Fun
// (x.F, pkg.F or F, with any type arguments), or nil.
func calleeIdent(fun ast.Expr) *ast.Ident {
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	case *ast.IndexExpr:
		return calleeIdent(f.X)
	case *ast.IndexListExpr:
		return calleeIdent(f.X)
	}
	return nil
}

// analysisDiagnostic reports at the go keyword, with the context use as
// related information.
func analysisDiagnostic(stmt *ast.GoStmt, use ast.Node, msg string) analysis.Diagnostic {
	return analysis.Diagnostic{
		Pos: stmt.Go, End: analysisutil.KeywordEnd(stmt.Go, "go"), Message: msg, Category: ruleGoroutine,
		Related: []analysis.RelatedInformation{{Pos: use.Pos(), End: use.End(), Message: "the request context is used here"}},
	}
}
