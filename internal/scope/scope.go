// Package scope is conclint's model of request scope: which functions serve
// a request, which context is in scope at a point, and where that context
// is known to be done already.
//
// It runs once per package as an analyzer whose result the rule analyzers
// share, so the answers are derived in one place.
package scope

import (
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// Analyzer computes the request-scope model of a package. On a package of
// a dependency module (analysisutil.InDependency) the model is empty: the
// rule analyzers report nothing there, and the ones with facts, which the
// drivers run on dependencies, ask it nothing there either.
var Analyzer = &analysis.Analyzer{
	Name:       "reqscope",
	Doc:        "compute which functions are request-scoped and which context each has in scope",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Info](),
}

// Kind says why a function is request-scoped.
type Kind int

const (
	None         Kind = iota
	ContextParam      // receives a context.Context or a carrier of one
	HTTPHandler       // (http.ResponseWriter, *http.Request)
	GinHandler        // (*gin.Context)
	EchoHandler       // (echo.Context) error
	GRPCMethod        // a gRPC server method, unary or streaming
)

// IsHandler reports whether k is a kind of request handler, whose context
// the framework cancels when the function returns.
func (k Kind) IsHandler() bool { return k >= HTTPHandler }

// Source is a context available inside a function.
type Source struct {
	Var      *types.Var // the parameter or local variable
	Expr     string     // how to get the context from it: "ctx", "r.Context()", …
	Testing  bool       // a *testing.T, B or F carrier
	Detached bool       // derived through context.WithoutCancel
	Derived  bool       // a local variable derived from another source
}

// Func is what the model knows of one function or function literal.
type Func struct {
	Kind    Kind
	Sources []Source // parameters first, then derived locals in source order
}

// Info is the model of one package.
type Info struct {
	pkg   *types.Package
	info  *types.Info
	funcs map[ast.Node]*Func // *ast.FuncDecl and *ast.FuncLit
	vars  map[types.Object]Source

	assigns     map[*types.Var][]ast.Expr // local context variables: every value assigned to each
	uncancelled map[*types.Var]bool       // context parameters no caller can cancel (see Cancellable)
	overwritten map[*types.Var]bool       // context parameters assigned before any read: their assigned values count
	deferred    map[*ast.CallExpr]bool    // context.WithCancel calls whose cancel is only called by defer
	testOnly    map[*types.Func]bool      // functions no production code reaches (see TestOnly)

	cobraContext bool // the package runs or sets a cobra command's context (see backgroundCommand)
}

func run(pass *analysis.Pass) (any, error) {
	res := &Info{pkg: pass.Pkg, info: pass.TypesInfo, funcs: make(map[ast.Node]*Func), vars: make(map[types.Object]Source),
		assigns: make(map[*types.Var][]ast.Expr), uncancelled: make(map[*types.Var]bool),
		overwritten: make(map[*types.Var]bool), deferred: make(map[*ast.CallExpr]bool), testOnly: make(map[*types.Func]bool),
		cobraContext: setsCobraContext(pass.TypesInfo)}
	if analysisutil.InDependency(pass) || !analysisutil.Imports(pass.Pkg, "context", "net/http") && !importsCarrierFramework(pass.Pkg) {
		return res, nil // nobody asks, or no context can be in scope
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ftype *ast.FuncType
		var body *ast.BlockStmt
		isMethod := false
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			ftype, body, isMethod = n.Type, n.Body, n.Recv != nil
		case *ast.FuncLit:
			ftype, body = n.Type, n.Body
		}
		fn := &Func{}
		fn.Kind = res.classify(ftype, isMethod)
		for _, field := range ftype.Params.List {
			for _, name := range field.Names {
				v, _ := pass.TypesInfo.Defs[name].(*types.Var)
				if v == nil || name.Name == "_" {
					continue
				}
				if src, ok := carrierSource(v); ok {
					fn.Sources = append(fn.Sources, src)
					res.vars[v] = src
				}
			}
		}
		if len(fn.Sources) > 0 && fn.Kind == None {
			fn.Kind = ContextParam
		}
		if body != nil {
			fn.Sources = append(fn.Sources, res.derived(body)...)
		}
		res.funcs[cur.Node()] = fn
	}
	res.findUncancelled(insp)
	res.findCLICallbacks(insp)
	res.findTestOnly(pass, insp)
	return res, nil
}

// Func returns the model of a *ast.FuncDecl or *ast.FuncLit, or nil.
func (in *Info) Func(n ast.Node) *Func {
	return in.funcs[n]
}

// testHelper reports whether the function takes a *testing.T, B or F or a
// testing.TB (or a look-alike): only tests can call it.
func (fn *Func) testHelper() bool {
	for _, src := range fn.Sources {
		if src.Testing && !src.Derived {
			return true
		}
	}
	return false
}

// Context returns the context in scope at cur: the latest-declared source
// visible there, searching enclosing functions from the innermost out.
// Detached sources are skipped; testing carriers only count when asked,
// and when not, a test helper (a function given a *testing.T, in any
// file) has no context in scope.
func (in *Info) Context(cur inspector.Cursor, testing bool) (Source, bool) {
	pos := cur.Node().Pos()
	inner := in.pkg.Scope().Innermost(pos)
	for fcur := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn := in.funcs[fcur.Node()]
		if fn == nil {
			continue
		}
		if !testing && fn.testHelper() {
			return Source{}, false // test code, like a _test.go file, wherever it is declared
		}
		for i := len(fn.Sources) - 1; i >= 0; i-- {
			src := fn.Sources[i]
			if src.Detached || src.Testing && !testing || src.Derived && src.Var.Pos() >= pos {
				continue
			}
			if inner != nil {
				if _, obj := inner.LookupParent(src.Var.Name(), pos); obj != src.Var {
					continue // shadowed
				}
			}
			if in.knownNil(cur, src.Var) {
				continue // if ctx == nil { ctx = context.Background() }
			}
			return src, true
		}
	}
	return Source{}, false
}

// Source returns the context source that obj is, if it is one.
func (in *Info) Source(obj types.Object) (Source, bool) {
	src, ok := in.vars[obj]
	return src, ok
}
