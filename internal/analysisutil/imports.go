package analysisutil

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// ImportName returns the name under which code at pos in file can refer to
// the package path, and the edits that add the import when file lacks it
// (see importEdits). It is the one import helper of conclint's fixes.
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
	return name, importEdits(file, path), true
}

// importEdits add path to file's imports: among the standard-library
// imports of the first import declaration, in sorted order; a first
// declaration of one import, import "x", becomes a group of both; a file
// with no imports gets a new declaration.
func importEdits(file *ast.File, path string) []analysis.TextEdit {
	quoted := strconv.Quote(path)
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.IMPORT {
			continue
		}
		if !gen.Lparen.IsValid() { // import "x" becomes import ("x"; path)
			spec := gen.Specs[0]
			return []analysis.TextEdit{InsertBefore(spec, "(\n\t"), InsertAfter(spec, "\n\t"+quoted+"\n)")}
		}
		var lastStd ast.Spec
		for _, spec := range gen.Specs {
			p, _ := strconv.Unquote(spec.(*ast.ImportSpec).Path.Value)
			if strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
				continue // not the standard library
			}
			if p > path {
				return []analysis.TextEdit{InsertBefore(spec, quoted+"\n\t")}
			}
			lastStd = spec
		}
		if lastStd != nil {
			return []analysis.TextEdit{InsertAfter(lastStd, "\n\t"+quoted)}
		}
		return []analysis.TextEdit{InsertAt(KeywordEnd(gen.Lparen, "("), "\n\t"+quoted+"\n")}
	}
	return []analysis.TextEdit{InsertAfter(file.Name, "\n\nimport "+quoted)}
}
