package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

var failures = []Failure{
	{Package: "example.com/a", Message: "a/a.go:3:23: undefined: x"},
	{Package: "example.com/a [example.com/a.test]", Message: "a/a.go:3:23: undefined: x"}, // repeats p's
	{Package: "example.com/b", Analyzer: "toy", Message: "internal error"},
}

func TestWriteText(t *testing.T) {
	root := t.TempDir()
	r := Result{Findings: findings(t, root), Failures: slices.Clone(failures)}
	r.Normalize()
	var buf bytes.Buffer
	if err := WriteText(&buf, r, Paths{Root: root, ModCache: "/elsewhere"}, -1); err != nil {
		t.Fatal(err)
	}
	want := `b.go:2:3: outside (toy)
a.go:1:1: package a is a toy (toy)
a.go:3:31: call of Bad, a toy: 100% bad,
really (toy)
a.go:1:1: 	declared here
# example.com/a
a/a.go:3:23: undefined: x
# example.com/b
toy: internal error
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	if got, want := Summary(r), "3 findings (toy 3); 2 packages with errors"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}

func TestNormalizeDropsTestVariantRepeats(t *testing.T) {
	root := t.TempDir()
	f := findings(t, root)[0]
	g := f
	g.Package = "p [p.test]"
	f.Package = "p"
	r := Result{Findings: []Finding{g, f}}
	r.Normalize()
	if len(r.Findings) != 1 || r.Findings[0].Package != "p" {
		t.Errorf("got %+v, want the finding once, under p", r.Findings)
	}
}

func TestPathsShow(t *testing.T) {
	p := Paths{Root: "/src/app", ModCache: "/go/pkg/mod", GOROOT: "/usr/local/go"}
	for in, want := range map[string]string{
		"/src/app/a/b.go": "a/b.go",
		"/go/pkg/mod/go.etcd.io/bbolt@v1.3.9/bolt.go": "go.etcd.io/bbolt@v1.3.9/bolt.go",
		"/usr/local/go/src/net/http/server.go":        "$GOROOT/src/net/http/server.go",
		"/other/x.go":                                 "/other/x.go",
	} {
		if got := p.Show(in); got != want {
			t.Errorf("Show(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteJSONReportsFailures(t *testing.T) {
	root := t.TempDir()
	r := Result{Findings: findings(t, root)[:2], Failures: slices.Clone(failures)}
	r.Normalize()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &tree); err != nil {
		t.Fatal(err)
	}
	var failed struct{ Error string }
	if err := json.Unmarshal(tree["example.com/a"]["typecheck"], &failed); err != nil || !strings.Contains(failed.Error, "undefined: x") {
		t.Errorf("no typecheck error for example.com/a:\n%s", buf.String())
	}
	var diags []struct {
		Posn           string
		SuggestedFixes []struct{ Edits []struct{ Start, End int } } `json:"suggested_fixes"`
	}
	if err := json.Unmarshal(tree[""]["toy"], &diags); err != nil || len(diags) != 2 || len(diags[1].SuggestedFixes) != 1 {
		t.Errorf("findings: %v\n%s", err, buf.String())
	}
}

func TestGitHubFailures(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGitHub(&buf, Result{Failures: slices.Clone(failures[:1])}, Paths{}); err != nil {
		t.Fatal(err)
	}
	if want := "::error file=a/a.go,line=3,col=23,title=conclint%3A example.com/a::a/a.go:3:23: undefined: x\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

func TestSARIFInvocation(t *testing.T) {
	for _, failed := range []bool{false, true} {
		r := Result{}
		if failed {
			r.Failures = slices.Clone(failures)
		}
		var buf bytes.Buffer
		if err := WriteSARIF(&buf, Tool{Name: "conclint", Version: "v1", InformationURI: "https://example.com"}, nil, nil, r, t.TempDir()); err != nil {
			t.Fatal(err)
		}
		validateSARIF(t, buf.Bytes(), "testdata/sarif-schema-2.1.0.json")
		var log struct {
			Runs []struct {
				Invocations []struct {
					ExecutionSuccessful        bool
					ToolExecutionNotifications []struct {
						Level   string
						Message struct{ Text string }
					}
				}
			}
		}
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		inv := log.Runs[0].Invocations
		if len(inv) != 1 || inv[0].ExecutionSuccessful == failed || len(inv[0].ToolExecutionNotifications) != len(r.Failures) {
			t.Fatalf("failed=%v: invocations %+v", failed, inv)
		}
		if failed && (inv[0].ToolExecutionNotifications[0].Level != "error" || !strings.Contains(inv[0].ToolExecutionNotifications[0].Message.Text, "undefined: x")) {
			t.Errorf("notification %+v", inv[0].ToolExecutionNotifications[0])
		}
	}
}
