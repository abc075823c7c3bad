package scope

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// TestOnly reports whether no production code of the package reaches the
// function declared by decl: an unexported package-level function whose
// every use is in a _test.go file or in another such function, or that
// nothing uses (a test program's main kept beside the code it tests, dead
// code). What it does happens only under tests, if at all.
func (in *Info) TestOnly(decl *ast.FuncDecl) bool {
	fn, _ := in.info.Defs[decl.Name].(*types.Func)
	return in.testOnly[fn]
}

// findTestOnly computes TestOnly for every function of the package: the
// candidates no root reaches, where a root is a use outside _test.go files
// and outside every candidate.
func (in *Info) findTestOnly(pass *analysis.Pass, insp *inspector.Inspector) {
	inTest := func(pos token.Pos) bool { return strings.HasSuffix(pass.Fset.File(pos).Name(), "_test.go") }
	candidates := make(map[*types.Func]bool)
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			decl, ok := d.(*ast.FuncDecl)
			if !ok || decl.Recv != nil || decl.Body == nil || decl.Name.IsExported() || inTest(decl.Pos()) ||
				decl.Name.Name == "init" || decl.Name.Name == "main" && pass.Pkg.Name() == "main" {
				continue
			}
			if fn, ok := in.info.Defs[decl.Name].(*types.Func); ok {
				candidates[fn] = true
			}
		}
	}
	if len(candidates) == 0 {
		return
	}
	// One pass over info.Uses, a map as large as the package, where
	// looking up every identifier of the walk below costs more.
	used := make(map[*ast.Ident]*types.Func)
	for id, obj := range in.info.Uses {
		if fn, ok := obj.(*types.Func); ok && candidates[fn] {
			used[id] = fn
		}
	}
	uses := make(map[*types.Func][]*types.Func) // candidate → candidates it uses
	var reached []*types.Func
	for cur := range insp.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		fn, ok := used[id]
		if !ok || inTest(id.Pos()) {
			continue
		}
		var user *types.Func
		for decl := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			user, _ = in.info.Defs[decl.Node().(*ast.FuncDecl).Name].(*types.Func)
		}
		if candidates[user] {
			uses[user] = append(uses[user], fn)
		} else {
			reached = append(reached, fn)
		}
	}
	seen := make(map[*types.Func]bool)
	for len(reached) > 0 {
		fn := reached[len(reached)-1]
		reached = reached[:len(reached)-1]
		if !seen[fn] {
			seen[fn] = true
			reached = append(reached, uses[fn]...)
		}
	}
	for fn := range candidates {
		if !seen[fn] {
			in.testOnly[fn] = true
		}
	}
}
