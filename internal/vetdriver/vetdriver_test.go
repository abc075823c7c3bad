package vetdriver_test

import (
	"bytes"
	"os"
	"testing"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/vetdriver"
)

// The test binary doubles as the vet tool that go vet runs.
func TestMain(m *testing.M) {
	if os.Getenv("VETDRIVER_TEST_TOOL") == "1" {
		multichecker.Main(conclint.Suite...) // go vet's calls: -V=full, -flags, vet.cfg
	}
	os.Exit(m.Run())
}

// testTool returns the test binary as the vet tool go vet is to run.
func testTool(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs go vet")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("VETDRIVER_TEST_TOOL", "1")
	return self
}

// TestAnalyze decodes go vet's JSON into findings whose fix edits have
// lines and columns, as SARIF needs.
func TestAnalyze(t *testing.T) {
	self := testTool(t)
	var stderr bytes.Buffer
	r := vetdriver.Analyze(self, nil, []string{"-droppedctx"}, []string{"github.com/conclint/conclint/examples/shop"}, conclint.Suite, &stderr)
	if len(r.Failures) > 0 {
		t.Fatalf("failures %v: %s", r.Failures, stderr.String())
	}
	var fixed bool
	for _, f := range r.Findings {
		if f.Analyzer.Name != "droppedctx" {
			t.Errorf("-droppedctx alone, but %s reported %s", f.Analyzer.Name, f.Message)
		}
		if f.Pos.Line == 0 || f.Pos.Offset == 0 || f.End.Line < f.Pos.Line || f.Package != "github.com/conclint/conclint/examples/shop" {
			t.Errorf("%s: bad positions %v–%v", f.Message, f.Pos, f.End)
		}
		for _, fix := range f.Fixes {
			for _, e := range fix.Edits {
				fixed = true
				if e.Start.Line != f.Pos.Line || e.Start.Column < 1 || e.End.Offset < e.Start.Offset {
					t.Errorf("%s: edit at %v–%v, finding at %v", fix.Message, e.Start, e.End, f.Pos)
				}
			}
		}
	}
	if !fixed {
		t.Errorf("no droppedctx fix among %d findings on examples/shop", len(r.Findings))
	}
}
