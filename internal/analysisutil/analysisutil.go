// Package analysisutil holds small helpers shared by conclint's analyzers:
// doc extraction, import checks, callee resolution and expression rendering.
package analysisutil

import (
	"bytes"
	"go/ast"
	"go/build"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"go/version"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// MustExtractDoc returns the "# Analyzer name" section of the package
// comment in a doc.go source file. It panics when the section is missing,
// which only a broken build of conclint itself can cause.
func MustExtractDoc(docGo, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", docGo, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		panic("conclint: cannot parse doc.go of " + name)
	}
	text := f.Doc.Text()
	heading := "# Analyzer " + name + "\n"
	i := strings.Index(text, heading)
	if i < 0 {
		panic("conclint: doc.go of " + name + " has no " + strings.TrimSpace(heading) + " section")
	}
	section := text[i+len(heading):]
	if j := strings.Index(section, "\n# "); j >= 0 {
		section = section[:j]
	}
	return strings.TrimSpace(section) + "\n"
}

// Imports reports whether pkg imports path directly, or is path itself.
func Imports(pkg *types.Package, paths ...string) bool {
	for _, path := range paths {
		if pkg.Path() == path {
			return true
		}
		for _, imp := range pkg.Imports() {
			if imp.Path() == path {
				return true
			}
		}
	}
	return false
}

// Callee returns the function or method a call statically invokes, or nil
// (for calls of function values, conversions and builtins).
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// IsFunc reports whether fn is the package-level function path.name.
func IsFunc(fn *types.Func, path string, names ...string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != path {
		return false
	}
	if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() != nil {
		return false
	}
	for _, n := range names {
		if fn.Name() == n {
			return true
		}
	}
	return false
}

// IsMethod reports whether fn is the method path.typeName.name (on the type
// or a pointer to it, including methods promoted from embedded fields).
func IsMethod(fn *types.Func, path, typeName string, names ...string) bool {
	if fn == nil {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || !IsNamed(sig.Recv().Type(), path, typeName) {
		return false
	}
	for _, n := range names {
		if fn.Name() == n {
			return true
		}
	}
	return false
}

// IsNamed reports whether t, or the type t points to, is the named type
// path.name.
func IsNamed(t types.Type, path, name string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == path
}

// IsPointerTo reports whether t is a pointer to the named type path.name
// (*http.Request, *testing.T).
func IsPointerTo(t types.Type, path, name string) bool {
	_, ok := types.Unalias(t).(*types.Pointer)
	return ok && IsNamed(t, path, name)
}

// IsContext reports whether t is context.Context.
func IsContext(t types.Type) bool {
	return t != nil && IsNamed(t, "context", "Context")
}

// ExprString renders an expression as gofmt would print it.
func ExprString(fset *token.FileSet, e ast.Expr) string {
	if isSelectorChain(e) {
		return types.ExprString(e) // the same text, without the printer's cost
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, e); err != nil {
		return types.ExprString(e)
	}
	return buf.String()
}

// ShortExprString renders an expression for a message as gofmt would,
// or on one line, compressed, when that is long or spans lines.
func ShortExprString(fset *token.FileSet, e ast.Expr) string {
	s := ExprString(fset, e)
	if len(s) > 60 || strings.Contains(s, "\n") {
		s = types.ExprString(e)
	}
	return s
}

// isSelectorChain reports whether e is a name or a chain of field or
// method selections on one (c.client.Do), the common case.
func isSelectorChain(e ast.Expr) bool {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return true
		case *ast.SelectorExpr:
			e = x.X
		default:
			return false
		}
	}
}

// Position returns "file.go:line" for pos, the short form used in messages
// that point at another place.
func Position(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	name := p.Filename
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return name + ":" + strconv.Itoa(p.Line)
}

// FileOf returns the file of pass that contains pos, or nil.
func FileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// GoVersionAtLeast reports whether the file holding pos is compiled at Go
// version v or later ("go1.21"). An unknown version counts as the newest.
func GoVersionAtLeast(pass *analysis.Pass, pos token.Pos, v string) bool {
	f := FileOf(pass, pos)
	if f == nil {
		return true
	}
	fv := pass.TypesInfo.FileVersions[f]
	return fv == "" || version.Compare(fv, v) >= 0
}

// KeywordEnd returns the end of the keyword (go, select) or other token
// ("(", "{") that starts at pos: a diagnostic on a go or select statement
// covers the keyword, not the whole statement, and a fix inserts after a
// parenthesis or brace there.
func KeywordEnd(pos token.Pos, keyword string) token.Pos {
	return pos + token.Pos(len(keyword))
}

// IsStd reports whether the package of pass is part of the standard
// library: its path's first element has no dot and its files lie in GOROOT.
func IsStd(pass *analysis.Pass) bool {
	if !IsStdPath(pass.Pkg.Path()) || len(pass.Files) == 0 {
		return false
	}
	file := pass.Fset.File(pass.Files[0].Pos()).Name()
	root := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	return strings.HasPrefix(file, root)
}

// IsStdPath reports whether an import path looks like the standard
// library's: its first element has no dot. Packages analysed from
// testdata look so too.
func IsStdPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// RecvTypeName returns the name of the named type a method is declared on
// (pointer and type arguments dropped), or "" for functions and methods of
// unnamed types.
func RecvTypeName(fn *types.Func) string {
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return ""
	}
	t := types.Unalias(recv.Type())
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	if n, ok := t.(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// DisplayName renders fn as users write it: pkg.F or Type.M.
func DisplayName(fn *types.Func) string {
	if name := RecvTypeName(fn); name != "" {
		return name + "." + fn.Name()
	}
	if fn.Type().(*types.Signature).Recv() == nil && fn.Pkg() != nil {
		return fn.Pkg().Name() + "." + fn.Name()
	}
	return fn.Name()
}

// IsError reports whether t is the predeclared error type.
func IsError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// InDependency reports whether the package belongs to a module required at
// a version (from the module cache, or replaced): a dependency of the
// module being checked, which the go command, golangci-lint and gopls
// analyse for facts only.
func InDependency(pass *analysis.Pass) bool {
	return pass.Module != nil && pass.Module.Version != ""
}
