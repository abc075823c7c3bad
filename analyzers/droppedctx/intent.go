package droppedctx

import (
	"bytes"
	"go/ast"
	"regexp"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// detachWords are what a comment says when its author meant a root
// context to be free of the caller's: "a separate context that won't be
// canceled", "detached from the request", "must outlive the caller",
// "when the context is canceled, … should still wait", "so the block is
// marked in full on shutdown", "therefore we use context.Background".
var detachWords = regexp.MustCompile(`(?i)detach|disconnect|separate context|independent|outliv|surviv|regardless|(not|n't|never) (be )?cancel|even (if|when|after)|` +
	`(when|if|once|after) the (\w+ )?context is (canceled|cancelled|done)|(on|during|at) shut ?down|use[sd]? \[?context\.(Background|TODO)`)

// maxCommentDistance is how many lines above a root context a comment
// about it may start.
const maxCommentDistance = 8

// saysDetached reports whether a comment says that the root context at
// cur is detached on purpose: a comment on lines of its own in the
// paragraph of code that ends with it (no blank line between, within its
// function, at most maxCommentDistance lines up), or the doc comment of
// the function declaring it ("returns a context disconnected from the
// parent context").
func (c *checker) saysDetached(cur inspector.Cursor) bool {
	if decl, ok := analysisutil.EnclosingFunc(cur).Node().(*ast.FuncDecl); ok && decl.Doc != nil && detachWords.MatchString(decl.Doc.Text()) {
		return true
	}
	file := analysisutil.FileOf(c.pass, cur.Node().Pos())
	body := analysisutil.FuncBody(analysisutil.EnclosingFunc(cur).Node())
	if file == nil || body == nil || c.pass.ReadFile == nil {
		return false
	}
	tf := c.pass.Fset.File(cur.Node().Pos())
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil || tf.Size() != len(src) {
		return false
	}
	lineText := func(line int) []byte {
		start := tf.Offset(tf.LineStart(line))
		end := len(src)
		if line < tf.LineCount() {
			end = tf.Offset(tf.LineStart(line + 1))
		}
		return src[start:end]
	}
	callLine := tf.Line(cur.Node().Pos())
	top := callLine
	for top > tf.Line(body.Lbrace)+1 && top > callLine-maxCommentDistance && len(bytes.TrimSpace(lineText(top-1))) > 0 {
		top--
	}
	for _, g := range file.Comments {
		line := tf.Line(g.Pos())
		if line < top || line >= callLine || !detachWords.MatchString(g.Text()) {
			continue
		}
		if before := src[tf.Offset(tf.LineStart(line)):tf.Offset(g.Pos())]; len(bytes.TrimSpace(before)) == 0 {
			return true // a comment on its own lines, not a trailing one about other code
		}
	}
	return false
}
