package scope

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

const (
	ginPath  = "github.com/gin-gonic/gin"
	grpcPath = "google.golang.org/grpc"
)

var echoPaths = []string{"github.com/labstack/echo/v4", "github.com/labstack/echo/v5", "github.com/labstack/echo"}

func importsCarrierFramework(pkg *types.Package) bool {
	return analysisutil.Imports(pkg, append(echoPaths, ginPath, grpcPath)...)
}

// classify returns the handler kind of a function type, or None.
func (in *Info) classify(ftype *ast.FuncType, isMethod bool) Kind {
	var hasWriter, hasRequest, firstIsCtx bool
	nparams := 0
	for i, field := range ftype.Params.List {
		t := in.info.TypeOf(field.Type)
		if t == nil {
			continue
		}
		n := max(len(field.Names), 1)
		nparams += n
		switch {
		case analysisutil.IsNamed(t, "net/http", "ResponseWriter"):
			hasWriter = true
		case analysisutil.IsPointerTo(t, "net/http", "Request"):
			hasRequest = true
		case analysisutil.IsPointerTo(t, ginPath, "Context"):
			return GinHandler
		case isEchoContext(t):
			return EchoHandler
		case isGRPCStream(t) && isMethod:
			return GRPCMethod
		case i == 0 && analysisutil.IsContext(t):
			firstIsCtx = true
		}
	}
	if hasWriter && hasRequest {
		return HTTPHandler
	}
	if isMethod && firstIsCtx && nparams == 2 && ftype.Results != nil && ftype.Results.NumFields() == 2 &&
		analysisutil.Imports(in.pkg, grpcPath) {
		return GRPCMethod
	}
	return None
}

// carrierSource returns the context a parameter carries, if any: a
// context.Context itself, *http.Request, *gin.Context, echo.Context, or any
// value with a Context() context.Context method.
func carrierSource(v *types.Var) (Source, bool) {
	t, name := v.Type(), v.Name()
	switch {
	case analysisutil.IsContext(t):
		return Source{Var: v, Expr: name}, true
	case analysisutil.IsPointerTo(t, "net/http", "Request"):
		return Source{Var: v, Expr: name + ".Context()"}, true
	case analysisutil.IsPointerTo(t, ginPath, "Context"):
		return Source{Var: v, Expr: name + ".Request.Context()"}, true
	case isEchoContext(t):
		return Source{Var: v, Expr: name + ".Request().Context()"}, true
	case isContextType(t):
		return Source{Var: v, Expr: name}, true
	case hasContextMethod(t):
		return Source{Var: v, Expr: name + ".Context()", Testing: isTesting(t)}, true
	}
	return Source{}, false
}

// IsCarrier reports whether a parameter of type t brings a context into
// scope (a context.Context or a carrier of one).
func IsCarrier(t types.Type) bool {
	_, ok := carrierSource(types.NewVar(0, nil, "x", t))
	return ok
}

// InTestHelper reports whether the function at fcur, or one around it,
// takes a *testing.T, B or F or a testing.TB (or a look-alike): a test or
// test helper, which only tests can call. It needs no Info: the model is
// empty in packages that cannot have a context in scope.
func InTestHelper(info *types.Info, fcur inspector.Cursor) bool {
	for cur := range fcur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		for _, field := range analysisutil.FuncType(cur.Node()).Params.List {
			if t := info.TypeOf(field.Type); t != nil && isTesting(t) {
				return true
			}
		}
	}
	return false
}

// isTesting reports whether t is *testing.T, B or F, testing.TB, or a
// look-alike test helper interface (Errorf and FailNow).
func isTesting(t types.Type) bool {
	if analysisutil.IsPointerTo(t, "testing", "T") || analysisutil.IsPointerTo(t, "testing", "B") || analysisutil.IsPointerTo(t, "testing", "F") ||
		analysisutil.IsNamed(t, "testing", "TB") {
		return true
	}
	return analysisutil.Method(t, "FailNow") != nil && analysisutil.Method(t, "Errorf") != nil
}

func isEchoContext(t types.Type) bool {
	for _, p := range echoPaths {
		if analysisutil.IsNamed(t, p, "Context") {
			return true
		}
	}
	return false
}

// isContextType reports whether t implements context.Context without
// being it (for example a framework's own context type).
func isContextType(t types.Type) bool {
	return analysisutil.Method(t, "Deadline") != nil && analysisutil.Method(t, "Done") != nil &&
		analysisutil.Method(t, "Err") != nil && analysisutil.Method(t, "Value") != nil
}

// hasContextMethod reports whether t has a method Context() context.Context.
func hasContextMethod(t types.Type) bool {
	m := analysisutil.Method(t, "Context")
	if m == nil {
		return false
	}
	sig := m.Signature()
	return sig.Params().Len() == 0 && sig.Results().Len() == 1 && analysisutil.IsContext(sig.Results().At(0).Type())
}

// isGRPCStream reports whether t looks like a gRPC server stream:
// Context, SendMsg and RecvMsg, and no CloseSend, which only a client's
// stream has (its loops serve no request).
func isGRPCStream(t types.Type) bool {
	return hasContextMethod(t) && analysisutil.Method(t, "SendMsg") != nil && analysisutil.Method(t, "RecvMsg") != nil &&
		analysisutil.Method(t, "CloseSend") == nil
}

// derived returns the local context variables of body (nested function
// literals excluded) whose value comes from an already-known source.
func (in *Info) derived(body *ast.BlockStmt) []Source {
	var out []Source
	add := func(id *ast.Ident, rhs ast.Expr) {
		v, _ := in.info.ObjectOf(id).(*types.Var)
		if v == nil || id.Name == "_" || !analysisutil.IsContext(v.Type()) {
			return
		}
		if _, known := in.vars[v]; known {
			return
		}
		from, ok := in.sourceIn(rhs)
		if !ok {
			return
		}
		src := Source{Var: v, Expr: id.Name, Derived: true, Detached: from.Detached || in.callsWithoutCancel(rhs)}
		in.vars[v] = src
		out = append(out, src)
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := lhs.(*ast.Ident)
				if !ok {
					continue
				}
				if len(n.Rhs) == len(n.Lhs) {
					add(id, n.Rhs[i])
				} else if len(n.Rhs) == 1 {
					add(id, n.Rhs[0])
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if len(n.Values) == len(n.Names) {
					add(id, n.Values[i])
				} else if len(n.Values) == 1 {
					add(id, n.Values[0])
				}
			}
		}
		return true
	})
	return out
}

// sourceIn returns a known source that expression e mentions.
func (in *Info) sourceIn(e ast.Expr) (Source, bool) {
	var found Source
	ok := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, isID := n.(*ast.Ident); isID && !ok {
			if src, known := in.vars[in.info.Uses[id]]; known {
				found, ok = src, true
			}
		}
		return !ok
	})
	return found, ok
}

func (in *Info) callsWithoutCancel(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && analysisutil.IsFunc(analysisutil.Callee(in.info, call), "context", "WithoutCancel") {
			found = true
		}
		return !found
	})
	return found
}

// isDoneCall reports whether e is a call X.Done() on a context value.
func (in *Info) isDoneCall(e ast.Expr) bool {
	return in.isContextMethodCall(e, "Done")
}

func (in *Info) isContextMethodCall(e ast.Expr, method string) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != method {
		return false
	}
	t := in.info.TypeOf(sel.X)
	return t != nil && (analysisutil.IsContext(t) || isContextType(t))
}
