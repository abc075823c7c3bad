package vetdriver_test

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
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

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		patterns []string
		ok       bool
	}{
		{[]string{"./..."}, []string{"./..."}, true},
		{[]string{"-json", "-c", "2", "./a", "./b"}, []string{"./a", "./b"}, true},
		{[]string{"-droppedctx.logging", "-droppedctx=false", "std"}, []string{"std"}, true},
		{[]string{"-droppedctx.logging", "-json", "-lockio=false", "."}, []string{"."}, true},
		{[]string{"-fix", "./..."}, []string{"./..."}, true}, // through go fix
		{[]string{"-fix", "-diff", "./..."}, nil, false},     // only the standalone driver shows fixes
		{[]string{"-fix", "-json", "./..."}, nil, false},
		{[]string{"-cpuprofile=x", "./..."}, nil, false}, // profiles one process
		{[]string{"/tmp/b001/vet.cfg"}, nil, false},      // go vet calling us as its tool
		{[]string{"-V=full"}, nil, false},                // ditto
		{[]string{}, nil, false},                         // no patterns: usage
		{[]string{"-nosuchflag", "./..."}, nil, false},   // the standalone driver reports it
	} {
		plan, ok := vetdriver.Parse(tc.args, conclint.Suite)
		if ok != tc.ok || ok && !slices.Equal(plan.Patterns, tc.patterns) {
			t.Errorf("Parse(%q) = %q, %v; want %q, %v", tc.args, plan.Patterns, ok, tc.patterns, tc.ok)
		}
	}
	// -json and -c are the driver's; the rest go to the vet tool.
	plan, _ := vetdriver.Parse([]string{"-droppedctx.logging", "-json", "-c", "1", "-lockio=false", "."}, conclint.Suite)
	if want := []string{"-droppedctx.logging=true", "-lockio=false"}; !slices.Equal(plan.Flags, want) || !plan.JSON || plan.Context != 1 {
		t.Errorf("Parse: %+v, want flags %q, JSON, context 1", plan, want)
	}
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

// TestRunJSON runs the suite through go vet on the example service and
// expects the merged JSON the standalone driver prints.
func TestRunJSON(t *testing.T) {
	self := testTool(t)
	var stdout, stderr bytes.Buffer
	code := vetdriver.Run(self, []string{"-json"}, []string{"github.com/conclint/conclint/examples/shop"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var tree map[string]map[string][]struct{ Posn, Message string }
	if err := json.Unmarshal(stdout.Bytes(), &tree); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, stdout.String())
	}
	if len(tree["github.com/conclint/conclint/examples/shop"]["droppedctx"]) == 0 {
		t.Errorf("no droppedctx findings on examples/shop:\n%s", stdout.String())
	}
}

// TestFindings decodes go vet's JSON into findings whose fix edits have
// lines and columns, as SARIF needs.
func TestFindings(t *testing.T) {
	self := testTool(t)
	var stderr bytes.Buffer
	findings, errs, code := vetdriver.Findings(self, []string{"-droppedctx"}, []string{"github.com/conclint/conclint/examples/shop"}, conclint.Suite, &stderr)
	if code != 0 || len(errs) > 0 {
		t.Fatalf("exit %d, errors %v: %s", code, errs, stderr.String())
	}
	var fixed bool
	for _, f := range findings {
		if f.Analyzer.Name != "droppedctx" {
			t.Errorf("-droppedctx alone, but %s reported %s", f.Analyzer.Name, f.Message)
		}
		if f.Pos.Line == 0 || f.End.Line < f.Pos.Line {
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
		t.Errorf("no droppedctx fix among %d findings on examples/shop", len(findings))
	}
}
