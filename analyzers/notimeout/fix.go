package notimeout

import (
	"fmt"
	"go/ast"
	"go/token"
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
	timePkg, importEdits, ok := analysisutil.ImportName(c.pass, file, "time", lit.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	field := "ReadHeaderTimeout: " + durationExpr(c.opts.ReadHeaderTimeout, timePkg)
	var edit analysis.TextEdit
	if n := len(lit.Elts); n == 0 {
		edit = analysisutil.InsertAt(analysisutil.KeywordEnd(lit.Lbrace, "{"), field)
	} else {
		last := lit.Elts[n-1]
		text := ", " + field
		if c.line(lit.Rbrace) > c.line(last.End()) { // one field per line: the trailing comma follows
			col := c.pass.Fset.Position(last.Pos()).Column
			text = ",\n" + strings.Repeat("\t", max(col-1, 0)) + field
		}
		edit = analysisutil.InsertAfter(last, text)
	}
	fix := analysis.SuggestedFix{
		Message:   "Set ReadHeaderTimeout to " + c.opts.ReadHeaderTimeout.String(),
		TextEdits: []analysis.TextEdit{edit},
	}
	fix.TextEdits = append(fix.TextEdits, importEdits...)
	return fix, true
}

func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

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
