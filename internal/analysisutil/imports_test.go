package analysisutil

import (
	"go/format"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestImportEdits checks the one import helper of the fixes on each shape
// of import declaration: the result is the source gofmt keeps.
func TestImportEdits(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"package p\n", "package p\n\nimport \"time\"\n"},
		{"package p\n\nimport \"net/http\"\n", "package p\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n"},
		{"package p\n\nimport (\n\t\"context\"\n\t\"net\"\n\n\t\"example.com/x\"\n)\n",
			"package p\n\nimport (\n\t\"context\"\n\t\"net\"\n\t\"time\"\n\n\t\"example.com/x\"\n)\n"},
		{"package p\n\nimport (\n\t\"context\"\n\t\"unsafe\"\n)\n", "package p\n\nimport (\n\t\"context\"\n\t\"time\"\n\t\"unsafe\"\n)\n"},
		{"package p\n\nimport (\n\t\"example.com/x\"\n)\n", "package p\n\nimport (\n\t\"time\"\n\n\t\"example.com/x\"\n)\n"}, // a group of its own,
	} {
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, "p.go", tc.src, 0)
		if err != nil {
			t.Fatal(err)
		}
		got := apply(t, fset, tc.src, importEdits(file, "time"))
		if got != tc.want {
			t.Errorf("importing time into\n%s\ngot\n%s\nwant\n%s", tc.src, got, tc.want)
		}
	}
}

// apply applies edits to src and formats the result.
func apply(t *testing.T, fset *token.FileSet, src string, edits []analysis.TextEdit) string {
	t.Helper()
	slices.SortFunc(edits, func(a, b analysis.TextEdit) int { return int(b.Pos - a.Pos) })
	tf := fset.File(edits[0].Pos)
	for _, e := range edits {
		start, end := tf.Offset(e.Pos), tf.Offset(e.End)
		src = src[:start] + string(e.NewText) + src[end:]
	}
	out, err := format.Source([]byte(src))
	if err != nil {
		t.Fatalf("%v in\n%s", err, src)
	}
	return strings.ReplaceAll(string(out), "\n\n\n", "\n\n")
}
