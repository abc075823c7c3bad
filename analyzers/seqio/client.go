package seqio

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
)

// readOnlyClient reports whether t (or *t) is a client type of this
// package that two calls may share: a struct holding a field that is safe
// for concurrent use (an *http.Client, a *sql.DB, a gRPC or cloud SDK
// client), none of whose methods writes its fields, so every field is set
// when the client is built. Its reads may then run at once, as an API
// client's GetStats calling its own getters one after another could.
func (a *analyzer) readOnlyClient(t types.Type) bool {
	named, ok := a.localNamed(t)
	if !ok {
		return false
	}
	if known, ok := a.readOnly[named]; ok {
		return known
	}
	if a.readOnly == nil {
		a.readOnly = make(map[*types.Named]bool)
	}
	a.readOnly[named] = false // a type that embeds itself through a pointer is no client
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	holdsClient := false
	for field := range st.Fields() {
		switch {
		case catalog.ConcurrentSafe(field.Type()):
			holdsClient = true
		case field.Embedded() && !a.neverWritten(field.Type()):
			return false // promoted methods may write its state
		}
	}
	result := holdsClient && a.neverWritten(named)
	a.readOnly[named] = result
	return result
}

// neverWritten reports whether t (or *t) is a type of this package that no
// function of the package writes through a value of: no method through
// its receiver, no function through a *t parameter (a helper that sets
// a token on the client it is given).
func (a *analyzer) neverWritten(t types.Type) bool {
	named, ok := a.localNamed(t)
	if !ok {
		return false
	}
	for _, file := range a.pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, _ := a.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if fn == nil {
				continue
			}
			sig := fn.Type().(*types.Signature)
			if recv := sig.Recv(); recv != nil && isOf(recv.Type(), named, false) && writesThrough(a.pass.TypesInfo, fd.Body, recv) {
				return false
			}
			for param := range sig.Params().Variables() {
				if isOf(param.Type(), named, true) && writesThrough(a.pass.TypesInfo, fd.Body, param) {
					return false
				}
			}
		}
	}
	return true
}

// localNamed returns the generic origin of the named type t (or *t) when
// this package declares it.
func (a *analyzer) localNamed(t types.Type) (*types.Named, bool) {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() != a.pass.Pkg {
		return nil, false
	}
	return named.Origin(), true
}

// isOf reports whether t is named or a pointer to it (only a pointer when
// pointer is set).
func isOf(t types.Type, named *types.Named, pointer bool) bool {
	p, isPtr := t.(*types.Pointer)
	if isPtr {
		t = p.Elem()
	} else if pointer {
		return false
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Origin() == named
}

// writesThrough reports whether body writes anything reached from v: an
// assignment or increment of v's fields or elements (c.etag = …,
// c.cache[k] = …, *c = …), or their address taken (json.Unmarshal(b, &c.state)).
func writesThrough(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	written := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, lhs := range n.Lhs {
					written = written || reachedFrom(info, lhs, v, false)
				}
			}
		case *ast.IncDecStmt:
			written = written || reachedFrom(info, n.X, v, false)
		case *ast.UnaryExpr:
			written = written || n.Op == token.AND && reachedFrom(info, n.X, v, true)
		}
		return !written
	})
	return written
}

// reachedFrom reports whether e is v's field, element or pointee, at any
// depth, or v itself when bare is set.
func reachedFrom(info *types.Info, e ast.Expr, v *types.Var, bare bool) bool {
	root, ok := analysisutil.RootOperand(e, false).(*ast.Ident)
	return ok && (bare || root != ast.Unparen(e)) && analysisutil.IdentObject(info, root) == v
}
