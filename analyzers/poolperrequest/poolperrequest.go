package poolperrequest

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
	"github.com/conclint/conclint/internal/directive"
	"github.com/conclint/conclint/internal/flow"
	"github.com/conclint/conclint/internal/scope"
)

//go:embed doc.go
var doc string

// Analyzer reports connection pools built per request or loop iteration.
var Analyzer = &analysis.Analyzer{
	Name:     "poolperrequest",
	Doc:      analysisutil.MustExtractDoc(doc, "poolperrequest"),
	URL:      "https://github.com/conclint/conclint#poolperrequest",
	Requires: []*analysis.Analyzer{inspect.Analyzer, scope.Analyzer},
	Run:      run,
}

var constructors string

func init() {
	Analyzer.Flags.StringVar(&constructors, "constructors", "",
		`comma-separated extra pool constructors, as "path.Func" or "path.Type.Method"`)
}

type checker struct {
	pass     *analysis.Pass
	scope    *scope.Info
	reporter *directive.Reporter
	extra    map[string]bool
}

func run(pass *analysis.Pass) (any, error) {
	extra := catalog.ParseKeys(constructors)
	if !analysisutil.Imports(pass.Pkg, catalog.PoolPackages(extra)...) {
		return nil, nil
	}
	c := &checker{
		pass:     pass,
		scope:    pass.ResultOf[scope.Analyzer].(*scope.Info),
		reporter: directive.NewReporter(pass, false),
		extra:    extra,
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range insp.Root().Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
		if c.reporter.Skip(cur.Node().Pos()) {
			continue
		}
		if what, ok := c.pool(cur.Node()); ok {
			c.check(cur, what)
		}
	}
	return nil, nil
}

// pool reports whether n builds a connection pool, and names it.
func (c *checker) pool(n ast.Node) (string, bool) {
	info := c.pass.TypesInfo
	switch n := n.(type) {
	case *ast.CompositeLit:
		if t := info.TypeOf(n); t != nil && catalog.IsPoolType(t) {
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

// check reports the pool built at cur when it lives no longer than the
// request it serves, or than the loop iteration that builds it.
func (c *checker) check(cur inspector.Cursor, what string) {
	if handler, ok := c.scope.Request(cur); ok {
		if fate := c.follow(cur, handler); !fate.escapes {
			c.reporter.Reportf(cur.Node(), "%s built per request: %s; build it once and share it", what, fate.loss())
			return
		}
	}
	loop, ok := enclosingLoop(cur)
	if !ok {
		return
	}
	body, ok := loop.FindNode(loopBody(loop.Node()))
	if !ok {
		return
	}
	fate := c.follow(cur, body)
	switch {
	case fate.escapes:
	case c.invariant(cur.Node(), loop.Node()):
		c.reporter.Reportf(cur.Node(), "%s built in every loop iteration: %s; build it once before the loop", what, fate.loss())
	case !fate.closed:
		c.reporter.Reportf(cur.Node(), "%s built in a loop and never closed: each iteration's idle connections leak; close it before the iteration ends, or keep one per target", what)
	}
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
