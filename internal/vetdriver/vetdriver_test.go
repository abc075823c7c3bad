package vetdriver_test

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/vetdriver"
)

// The test binary doubles as the vet tool that go vet runs.
func TestMain(m *testing.M) {
	if os.Getenv("VETDRIVER_TEST_TOOL") == "1" {
		vetdriver.Main(conclint.Suite...)
	}
	os.Exit(m.Run())
}

func TestPlan(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		patterns []string
		ok       bool
	}{
		{[]string{"./..."}, []string{"./..."}, true},
		{[]string{"-json", "-c", "2", "./a", "./b"}, []string{"./a", "./b"}, true},
		{[]string{"-droppedctx.logging", "-droppedctx=false", "std"}, []string{"std"}, true},
		{[]string{"-fix", "./..."}, nil, false},          // only the standalone driver fixes
		{[]string{"-cpuprofile=x", "./..."}, nil, false}, // profiles one process
		{[]string{"/tmp/b001/vet.cfg"}, nil, false},      // go vet calling us as its tool
		{[]string{"-V=full"}, nil, false},                // ditto
		{[]string{}, nil, false},                         // no patterns: usage
		{[]string{"-nosuchflag", "./..."}, nil, false},   // the standalone driver reports it
	} {
		_, patterns, ok := vetdriver.Plan(tc.args, conclint.Suite)
		if ok != tc.ok || ok && !slices.Equal(patterns, tc.patterns) {
			t.Errorf("Plan(%q) = %q, %v; want %q, %v", tc.args, patterns, ok, tc.patterns, tc.ok)
		}
	}
}

// TestRunJSON runs the suite through go vet on the example service and
// expects the merged JSON the standalone driver prints.
func TestRunJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("VETDRIVER_TEST_TOOL", "1")
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
