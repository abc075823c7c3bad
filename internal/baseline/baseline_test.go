package baseline

import (
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/report"
)

const src = `package p

type T[K any] struct{}

func (t *T[K]) M() {
	_ = 1
	_ = 2
}

func F() {
	_ = 3
}

var v = 4
`

func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "p", "p.go")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	a := &analysis.Analyzer{Name: "demo"}
	at := func(line int, msg string) report.Finding {
		return report.Finding{Analyzer: a, Pos: token.Position{Filename: file, Line: line, Offset: offsetOfLine(src, line)}, Message: msg}
	}
	path := filepath.Join(dir, "baseline.json")
	k := NewKeyer(path)
	for _, c := range []struct {
		f    report.Finding
		want Entry
	}{
		{at(6, "x at q.go:12"), Entry{"demo", "p/p.go", "(*T).M", "x at q.go"}},
		{at(11, "y"), Entry{"demo", "p/p.go", "F", "y"}},
		{at(14, "z"), Entry{"demo", "p/p.go", "", "z"}},
	} {
		if got := k.Entry(c.f); got != c.want {
			t.Errorf("Entry(line %d) = %+v, want %+v", c.f.Pos.Line, got, c.want)
		}
	}
	// Two identical findings in M are recorded twice; a third is new, and
	// so is one in another function. Lines and line numbers in messages
	// may move.
	if err := Write(path, []report.Finding{at(6, "x at q.go:12"), at(7, "x at q.go:12"), at(11, "y")}); err != nil {
		t.Fatal(err)
	}
	b, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	got, hidden := b.New([]report.Finding{at(7, "x at q.go:20"), at(6, "x at q.go:12"), at(7, "x at q.go:12"), at(11, "x at q.go:12"), at(11, "y")})
	if hidden != 3 || len(got) != 2 || got[0].Pos.Line != 7 || got[1].Pos.Line != 11 || got[1].Message != "x at q.go:12" {
		t.Errorf("New: hidden %d, kept %+v", hidden, got)
	}
	if err := os.WriteFile(path, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(path); err == nil {
		t.Errorf("Read of a broken file: no error")
	}
}

func offsetOfLine(s string, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		for s[off] != '\n' {
			off++
		}
		off++
	}
	return off + 1
}
