package analysisutil

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// The edits of suggested fixes are built from nodes, so a fix names what
// it changes rather than computing byte offsets; token positions inside a
// node (after a brace or a parenthesis) go through KeywordEnd.

// Replace returns the edit that replaces node n with text.
func Replace(n ast.Node, text string) analysis.TextEdit {
	return analysis.TextEdit{Pos: n.Pos(), End: n.End(), NewText: []byte(text)}
}

// ReplaceSpan returns the edit that replaces the nodes from first to last
// (statements of one list, say) with text.
func ReplaceSpan(first, last ast.Node, text string) analysis.TextEdit {
	return analysis.TextEdit{Pos: first.Pos(), End: last.End(), NewText: []byte(text)}
}

// InsertBefore returns the edit that inserts text just before node n.
func InsertBefore(n ast.Node, text string) analysis.TextEdit {
	return InsertAt(n.Pos(), text)
}

// InsertAfter returns the edit that inserts text just after node n.
func InsertAfter(n ast.Node, text string) analysis.TextEdit {
	return InsertAt(n.End(), text)
}

// InsertAt returns the edit that inserts text at pos: the start or end of
// a node, or the end of a token (KeywordEnd(call.Lparen, "(")).
func InsertAt(pos token.Pos, text string) analysis.TextEdit {
	return analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text)}
}
