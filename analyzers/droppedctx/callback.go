package droppedctx

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/scope"
)

// runsCallerWork reports whether the call at ccur is also handed a
// function literal that does its work with the context in scope (it uses
// src) or through a callback the enclosing function was given: a
// connection helper (WithGrpcClient(ctx, …, func(conn) error { … })),
// whose context only governs getting the connection while the work inside
// honours the caller's. A root context given to such a call, or a
// function that drops one, stops nothing the caller's context would.
func (c *checker) runsCallerWork(ccur inspector.Cursor, src scope.Source) bool {
	call, ok := ccur.Node().(*ast.CallExpr)
	if !ok {
		return false
	}
	callbacks := c.callbackParams(analysisutil.EnclosingFunc(ccur))
	for _, arg := range call.Args {
		lit, ok := ast.Unparen(arg).(*ast.FuncLit)
		if !ok {
			continue
		}
		lcur, ok := ccur.FindNode(lit)
		if !ok {
			continue
		}
		for id := range lcur.Preorder((*ast.Ident)(nil)) {
			obj := c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)]
			if obj == src.Var && contextExpr(id, src).Valid() {
				return true
			}
			if v, ok := obj.(*types.Var); ok && callbacks[v] {
				if parent, ok := id.Parent().Node().(*ast.CallExpr); ok && parent.Fun == id.Node() {
					return true // fn(client): the caller's own work, with its own context
				}
			}
		}
	}
	return false
}

// rootForCallerWork is runsCallerWork for the call a root context made at
// cur is handed to directly.
func (c *checker) rootForCallerWork(cur inspector.Cursor, src scope.Source) bool {
	parent := cur.Parent()
	if call, ok := parent.Node().(*ast.CallExpr); !ok || call.Fun == cur.Node() {
		return false
	}
	return c.runsCallerWork(parent, src)
}

// callbackParams returns the parameters of function type of the function
// at fcur.
func (c *checker) callbackParams(fcur inspector.Cursor) map[*types.Var]bool {
	ftype := analysisutil.FuncType(fcur.Node())
	if ftype == nil {
		return nil
	}
	params := make(map[*types.Var]bool)
	for _, field := range ftype.Params.List {
		for _, name := range field.Names {
			if v, ok := c.pass.TypesInfo.Defs[name].(*types.Var); ok {
				if _, isFunc := v.Type().Underlying().(*types.Signature); isFunc {
					params[v] = true
				}
			}
		}
	}
	return params
}
