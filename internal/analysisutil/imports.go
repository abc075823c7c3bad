package analysisutil

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// ImportName returns the name under which code at pos in file can refer to
// the package path, and the edits that add the import when file lacks it.
// It returns ok=false when the name is taken at pos by something else, or
// the package is imported only as _ or dot.
func ImportName(pass *analysis.Pass, file *ast.File, path string, pos token.Pos) (name string, edits []analysis.TextEdit, ok bool) {
	scope := pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return "", nil, false
	}
	for _, spec := range file.Imports {
		if p, err := strconv.Unquote(spec.Path.Value); err != nil || p != path {
			continue
		}
		pkgName := pass.TypesInfo.PkgNameOf(spec)
		if pkgName == nil || pkgName.Name() == "_" || pkgName.Name() == "." {
			continue
		}
		if _, obj := scope.LookupParent(pkgName.Name(), pos); obj == pkgName {
			return pkgName.Name(), nil, true
		}
	}
	name = path[strings.LastIndexByte(path, '/')+1:]
	if _, obj := scope.LookupParent(name, pos); obj != nil {
		return "", nil, false // the name means something else here
	}
	return name, []analysis.TextEdit{importEdit(file, path)}, true
}

// importEdit adds path to file's imports: among the standard-library
// imports of the first import declaration, in sorted order, or as a new
// declaration.
func importEdit(file *ast.File, path string) analysis.TextEdit {
	quoted := strconv.Quote(path)
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.IMPORT {
			continue
		}
		if !gen.Lparen.IsValid() {
			break // a single import line: add our own below it
		}
		var lastStd ast.Spec
		for _, spec := range gen.Specs {
			p, _ := strconv.Unquote(spec.(*ast.ImportSpec).Path.Value)
			if strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
				continue // not the standard library
			}
			if p > path {
				return analysis.TextEdit{Pos: spec.Pos(), End: spec.Pos(), NewText: []byte(quoted + "\n\t")}
			}
			lastStd = spec
		}
		if lastStd != nil {
			return analysis.TextEdit{Pos: lastStd.End(), End: lastStd.End(), NewText: []byte("\n\t" + quoted)}
		}
		return analysis.TextEdit{Pos: gen.Lparen + 1, End: gen.Lparen + 1, NewText: []byte("\n\t" + quoted + "\n")}
	}
	after := file.Name.End()
	for _, decl := range file.Decls {
		if gen, ok := decl.(*ast.GenDecl); ok && gen.Tok == token.IMPORT {
			after = gen.End()
		}
	}
	return analysis.TextEdit{Pos: after, End: after, NewText: []byte("\n\nimport " + quoted)}
}
