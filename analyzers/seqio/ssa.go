package seqio

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// ssaOf returns the SSA form of the function declaration or literal n.
// The package's SSA is built on first use, not required of buildssa:
// most packages have no function with two costly round trips, and SSA is
// the largest cost seqio would add (a quarter of a gigabyte on a large
// package), so it is built only where a function needs it.
func (a *analyzer) ssaOf(n ast.Node) *ssa.Function {
	if a.ssaFuncs == nil {
		a.ssaFuncs = buildSSA(a)
	}
	return a.ssaFuncs[n]
}

// buildSSA builds the SSA of the package being analysed, its imports
// created from their types only, and maps each function declaration and
// literal to its function.
func buildSSA(a *analyzer) map[ast.Node]*ssa.Function {
	pass := a.pass
	prog := ssa.NewProgram(pass.Fset, 0)
	created := make(map[*types.Package]bool)
	var createAll func(pkgs []*types.Package)
	createAll = func(pkgs []*types.Package) {
		for _, p := range pkgs {
			if !created[p] {
				created[p] = true
				prog.CreatePackage(p, nil, nil, true)
				createAll(p.Imports())
			}
		}
	}
	createAll(pass.Pkg.Imports())
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()

	m := make(map[ast.Node]*ssa.Function)
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		if fn == nil {
			return
		}
		if syn := fn.Syntax(); syn != nil {
			m[syn] = fn
		}
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Name.Name != "_" { // SSA builds no function for _
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					add(prog.FuncValue(fn))
				}
			}
		}
	}
	return m
}
