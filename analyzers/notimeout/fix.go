package notimeout

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/analysisutil"
)

// insertTimeout returns the fix that adds ReadHeaderTimeout to a keyed
// http.Server literal, importing "time" when the file does not. There is
// no fix when the literal is positional or "time" cannot be named there.
func (c *checker) insertTimeout(lit *ast.CompositeLit) (analysis.SuggestedFix, bool) {
	for _, elt := range lit.Elts {
		if _, ok := elt.(*ast.KeyValueExpr); !ok {
			return analysis.SuggestedFix{}, false
		}
	}
	file := analysisutil.FileOf(c.pass, lit.Pos())
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	timePkg, importEdits, ok := c.timeName(file, lit.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	field := "ReadHeaderTimeout: " + durationExpr(c.opts.ReadHeaderTimeout, timePkg)
	var edit analysis.TextEdit
	if n := len(lit.Elts); n == 0 {
		edit = analysis.TextEdit{Pos: lit.Lbrace + 1, End: lit.Lbrace + 1, NewText: []byte(field)}
	} else {
		last := lit.Elts[n-1]
		text := ", " + field
		if c.line(lit.Rbrace) > c.line(last.End()) { // one field per line: the trailing comma follows
			col := c.pass.Fset.Position(last.Pos()).Column
			text = ",\n" + strings.Repeat("\t", max(col-1, 0)) + field
		}
		edit = analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte(text)}
	}
	fix := analysis.SuggestedFix{
		Message:   "Set ReadHeaderTimeout to " + c.opts.ReadHeaderTimeout.String(),
		TextEdits: []analysis.TextEdit{edit},
	}
	fix.TextEdits = append(fix.TextEdits, importEdits...)
	return fix, true
}

func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

// timeName returns the name of package time at pos in file, and the edit
// that imports it when the file does not yet.
func (c *checker) timeName(file *ast.File, pos token.Pos) (string, []analysis.TextEdit, bool) {
	name := ""
	for _, spec := range file.Imports {
		if path, _ := strconv.Unquote(spec.Path.Value); path == "time" {
			name = "time"
			if spec.Name != nil {
				name = spec.Name.Name
			}
		}
	}
	if name == "_" || name == "." {
		return "", nil, false
	}
	lookup := name
	if lookup == "" {
		lookup = "time"
	}
	scope := c.pass.TypesInfo.Scopes[file]
	if scope != nil {
		if inner := scope.Innermost(pos); inner != nil {
			scope = inner
		}
		_, obj := scope.LookupParent(lookup, pos)
		pkgName, isPkg := obj.(*types.PkgName)
		switch {
		case name != "" && (!isPkg || pkgName.Imported().Path() != "time"):
			return "", nil, false // shadowed
		case name == "" && obj != nil:
			return "", nil, false // "time" names something else here
		}
	}
	if name != "" {
		return name, nil, true
	}
	return "time", importTime(file), true
}

// importTime returns the edits that add "time" to file's imports.
func importTime(file *ast.File) []analysis.TextEdit {
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.IMPORT {
			break
		}
		if gen.Lparen.IsValid() {
			return []analysis.TextEdit{{Pos: gen.Lparen + 1, End: gen.Lparen + 1, NewText: []byte("\n\t\"time\"")}}
		}
		spec := gen.Specs[0] // import "x" becomes import ("x"; "time")
		return []analysis.TextEdit{
			{Pos: spec.Pos(), End: spec.Pos(), NewText: []byte("(\n\t")},
			{Pos: spec.End(), End: spec.End(), NewText: []byte("\n\t\"time\"\n)")},
		}
	}
	return []analysis.TextEdit{{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport \"time\"")}}
}

// durationExpr renders d as Go source: 10 * time.Second, 500 * time.Millisecond.
func durationExpr(d time.Duration, timePkg string) string {
	units := []struct {
		d    time.Duration
		name string
	}{{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"}, {time.Millisecond, "Millisecond"}, {time.Microsecond, "Microsecond"}}
	for _, u := range units {
		if d >= u.d && d%u.d == 0 {
			return fmt.Sprintf("%d * %s.%s", d/u.d, timePkg, u.name)
		}
	}
	return fmt.Sprintf("%s.Duration(%d)", timePkg, int64(d))
}
