package driver

import (
	"bytes"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/report"
)

func TestApplyFixes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f.go")
	var src strings.Builder
	for i := 1; i <= 20; i++ {
		src.WriteString("line" + string(rune('a'+i-1)) + "\n")
	}
	old := src.String()
	if err := os.WriteFile(file, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	a := &analysis.Analyzer{Name: "demo"}
	// edit replaces the text at [start, end) of line (1-based).
	edit := func(line, start, end int, text string) report.Fix {
		off := (line-1)*6 + start
		return report.Fix{Edits: []report.Edit{{
			Start: token.Position{Filename: file, Offset: off}, End: token.Position{Filename: file, Offset: off - start + end}, NewText: text,
		}}}
	}
	finding := func(fixes ...report.Fix) report.Finding {
		return report.Finding{Analyzer: a, Fixes: fixes}
	}
	r := report.Result{Findings: []report.Finding{
		finding(edit(2, 0, 5, "B\nB2")),                  // line 2 becomes two lines
		finding(edit(2, 0, 5, "B\nB2")),                  // the same edit again: taken once
		finding(edit(2, 1, 3, "x")),                      // overlaps: left out
		finding(edit(5, 4, 5, "E"), edit(5, 0, 5, "no")), // first fix only
		finding(edit(18, 0, 6, "")),                      // a line removed, in its own hunk
		finding(),                                        // no fix
	}}
	var out bytes.Buffer
	if changed, err := applyFixes(r, true, &out); err != nil || len(changed) != 1 {
		t.Fatalf("-diff: %v, %v", changed, err)
	}
	want := "--- " + file + " (old)\n+++ " + file + " (new)\n" +
		"@@ -1,8 +1,9 @@\n linea\n-lineb\n+B\n+B2\n linec\n lined\n-linee\n+lineE\n linef\n lineg\n lineh\n" +
		"@@ -15,6 +16,5 @@\n lineo\n linep\n lineq\n-liner\n lines\n linet\n"
	if out.String() != want {
		t.Errorf("-diff:\n%s\nwant:\n%s", out.String(), want)
	}
	if data, _ := os.ReadFile(file); string(data) != old {
		t.Errorf("-diff changed the file")
	}
	if _, err := applyFixes(r, false, &out); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	wantFile := strings.Replace(strings.Replace(strings.Replace(old, "lineb\n", "B\nB2\n", 1), "linee", "lineE", 1), "liner\n", "", 1)
	if string(data) != wantFile {
		t.Errorf("-fix wrote:\n%s\nwant:\n%s", data, wantFile)
	}
}
