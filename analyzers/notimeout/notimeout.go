package notimeout

import (
	_ "embed"
	"go/ast"
	"go/types"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/directive"
	"github.com/conclint/conclint/internal/flow"
	"github.com/conclint/conclint/internal/netaddr"
	"github.com/conclint/conclint/internal/scope"
)

//go:embed doc.go
var doc string

// Options configures one notimeout analyzer. Each field is a flag of the
// analyzer (-notimeout.strict), a golangci-lint setting and a config file
// key of the same name; New declares them.
type Options struct {
	Tests             bool          // check test files too
	Strict            bool          // require WriteTimeout and IdleTimeout too
	RequestBound      bool          // report clients bounded only by a served request's context
	ReadHeaderTimeout time.Duration // what the server fix inserts
}

// DefaultOptions returns the options Analyzer runs with.
func DefaultOptions() Options {
	return Options{RequestBound: true, ReadHeaderTimeout: 10 * time.Second}
}

// Analyzer reports HTTP servers and clients that can wait forever, at the
// default options.
var Analyzer = New(DefaultOptions())

// New returns a notimeout analyzer that runs with opts. Its flags set this
// analyzer's own copy of the options, which its runs read.
func New(opts Options) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "notimeout",
		Doc:      analysisutil.MustExtractDoc(doc, "notimeout"),
		URL:      "https://github.com/conclint/conclint#notimeout",
		Requires: []*analysis.Analyzer{inspect.Analyzer, blocking.Analyzer, scope.Analyzer},
		Run:      func(pass *analysis.Pass) (any, error) { return run(pass, opts) },
	}
	a.Flags.BoolVar(&opts.Tests, "tests", opts.Tests, directive.TestsUsage)
	a.Flags.BoolVar(&opts.Strict, "strict", opts.Strict, "also require WriteTimeout and IdleTimeout on servers")
	a.Flags.BoolVar(&opts.RequestBound, "requestbound", opts.RequestBound, "also report clients whose sends are bounded only by the context of the request a handler serves")
	a.Flags.DurationVar(&opts.ReadHeaderTimeout, "readheadertimeout", opts.ReadHeaderTimeout, "the ReadHeaderTimeout the fix inserts")
	return a
}

// servingMethods are the http.Server methods that accept connections.
var servingMethods = map[string]bool{"ListenAndServe": true, "ListenAndServeTLS": true, "Serve": true, "ServeTLS": true}

// timeoutFields are the http.Server and http.Client fields that bound waiting.
var timeoutFields = map[string]bool{
	"ReadHeaderTimeout": true, "ReadTimeout": true, "WriteTimeout": true, "IdleTimeout": true, "Timeout": true,
}

type checker struct {
	opts      Options
	pass      *analysis.Pass
	reporter  *directive.Reporter
	holders   *holders
	groups    map[any]*group
	blocking  *blocking.Info
	scope     *scope.Info
	inspector *inspector.Inspector
	calls     *calls                        // built on first use
	decls     map[*types.Func]*ast.FuncDecl // built on first use, see returnsDeadline

	requestBounds bool // a served request's context counts as a bound (see reportSends)
}

func run(pass *analysis.Pass, opts Options) (any, error) {
	if !analysisutil.Imports(pass.Pkg, "net/http") || pass.Pkg.Path() == "net/http" {
		// net/http's own ListenAndServe, Serve and Get helpers are the API
		// with its documented zero timeouts: rule a and c report their callers.
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	reporter := directive.NewReporter(pass, opts.Tests)
	c := &checker{opts: opts, pass: pass, reporter: reporter, holders: newHolders(pass.TypesInfo, pass.Pkg, reporter.Skip)}
	c.blocking = pass.ResultOf[blocking.Analyzer].(*blocking.Info)
	c.inspector = insp
	c.scope = pass.ResultOf[scope.Analyzer].(*scope.Info)
	c.holders.build(insp.Root())
	c.groups = c.holders.summarize()
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil), (*ast.CompositeLit)(nil), (*ast.SelectorExpr)(nil)) {
		if c.reporter.Skip(cur.Node().Pos()) || c.reporter.Role(cur.Node().Pos()) == directive.Demo {
			continue // a demo runs on a laptop, not facing clients
		}
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			c.checkPackageServe(cur, n)
			if flow.IsNew(pass.TypesInfo, n) {
				c.checkOrigin(n, nil)
			}
		case *ast.CompositeLit:
			c.checkOrigin(n, n)
		case *ast.SelectorExpr:
			if isDefaultClient(pass.TypesInfo, n) {
				c.checkDefaultClient(n)
			}
		}
	}
	return nil, nil
}

// checkOrigin dispatches a literal or new(T) by the type it builds.
func (c *checker) checkOrigin(n ast.Expr, lit *ast.CompositeLit) {
	t := c.pass.TypesInfo.TypeOf(n)
	switch {
	case analysisutil.IsNamed(t, "net/http", "Server"):
		c.checkServer(n, lit)
	case analysisutil.IsNamed(t, "net/http", "Client"):
		c.checkClient(n, lit)
	}
}

// checkPackageServe applies rule a: http.ListenAndServe and friends.
func (c *checker) checkPackageServe(cur inspector.Cursor, call *ast.CallExpr) {
	fn := analysisutil.Callee(c.pass.TypesInfo, call)
	if !analysisutil.IsFunc(fn, "net/http", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS") {
		return
	}
	if len(call.Args) > 0 && (netaddr.Loopback(c.pass.TypesInfo, cur, call.Args[0]) || localListener(c.pass.TypesInfo, cur, call.Args[0]) || foreignListener(c.pass.TypesInfo, c.pass.Pkg, cur, call.Args[0])) {
		return
	}
	c.reporter.Reportf(ruleServe, call.Fun, "http.%s cannot set timeouts, so a client that sends slowly holds its connection forever (slowloris); serve with an http.Server that sets ReadHeaderTimeout", fn.Name())
}

// localListener reports whether l is a variable that the enclosing
// function sets from net.Listen on a Unix socket or an address on the
// loopback interface by default (see netaddr.Local).
func localListener(info *types.Info, cur inspector.Cursor, l ast.Expr) bool {
	obj := analysisutil.IdentObject(info, l)
	if obj == nil {
		return false
	}
	for fcur := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		for acur := range fcur.Preorder((*ast.AssignStmt)(nil)) {
			as := acur.Node().(*ast.AssignStmt)
			if len(as.Rhs) != 1 || len(as.Lhs) == 0 || analysisutil.IdentObject(info, as.Lhs[0]) != obj {
				continue
			}
			call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
			if !ok || len(call.Args) != 2 || !analysisutil.IsFunc(analysisutil.Callee(info, call), "net", "Listen") {
				continue
			}
			if netaddr.Local(info, acur, call.Args[0], call.Args[1]) {
				return true
			}
		}
		return false
	}
	return false
}
