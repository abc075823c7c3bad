package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseJSON(t *testing.T) {
	// go vet -json prints one object per package; a test variant repeats
	// the package's findings; an analyzer error is an object.
	out := `{"example.com/a": {"droppedctx": [{"posn": "/corpus/x/a/a.go:3:1", "message": "m1"}]}}
{"example.com/a [example.com/a.test]": {"droppedctx": [{"posn": "/corpus/x/a/a.go:3:1", "message": "m1"}, {"posn": "/corpus/x/a/a_test.go:9:2", "message": "m2"}]}}
{"example.com/b": {"droppedctx": {"error": "internal error: boom"}, "other": {"error": "analysis skipped due to errors in package"}}}
{"": {"droppedctx": {"error": "no package name: a load that failed"}}}
`
	var run Run
	run.parseJSON([]byte(out), "/corpus/x")
	if len(run.Findings) != 2 || run.Findings[0].Posn != "a/a.go:3:1" || run.Findings[1].Posn != "a/a_test.go:9:2" {
		t.Errorf("findings = %+v", run.Findings)
	}
	if len(run.Problems) != 1 || run.Problems[0].Package != "example.com/b" || run.Problems[0].Analyzer != "droppedctx" {
		t.Errorf("problems = %+v", run.Problems)
	}
	if len(run.Errors) != 2 {
		t.Errorf("errors = %+v", run.Errors)
	}
}

func TestParseStderr(t *testing.T) {
	stderr := `# example.com/ok
./ok.go:1:1: undefined: x
# example.com/bad
panic: runtime error: invalid memory address or nil pointer dereference

goroutine 1 [running]:
github.com/conclint/conclint/analyzers/droppedctx.(*checker).checkCall(...)
	/src/conclint/analyzers/droppedctx/droppedctx.go:80 +0x1
# example.com/next
./next.go:2:2: something else
`
	var run Run
	run.parseStderr([]byte(stderr))
	if len(run.Problems) != 1 {
		t.Fatalf("problems = %+v", run.Problems)
	}
	if p := run.Problems[0]; p.Package != "example.com/bad" || p.Analyzer != "droppedctx" || !strings.HasPrefix(p.Text, "panic: runtime error") {
		t.Errorf("problem = %+v", p)
	}
	if len(run.Errors) != 2 || run.Errors[1].Package != "example.com/next" {
		t.Errorf("errors = %+v", run.Errors)
	}
}

func TestDiff(t *testing.T) {
	dir := t.TempDir()
	f := func(posn, msg string) Finding {
		return Finding{Analyzer: "droppedctx", Package: "p", Posn: posn, Message: msg}
	}
	write := func(name string, findings ...Finding) string {
		r := &Report{Order: []string{"gin"}, Entries: map[string]*Entry{"gin": {Name: "gin", Runs: []*Run{{Mode: "vettool", Findings: findings}}}}}
		path := filepath.Join(dir, name)
		if err := r.write(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	old := write("old.json", f("a.go:1:1", "kept"), f("a.go:2:1", "gone"))
	cur := write("new.json", f("a.go:1:1", "kept"), f("b.go:3:1", "new"))
	var out bytes.Buffer
	changed, err := diffFiles(&out, old, cur)
	if err != nil || !changed {
		t.Fatalf("changed = %v, err = %v", changed, err)
	}
	want := "gin (vettool): 2 → 2 findings, +1 -1\n- gin a.go:2:1: gone (droppedctx)\n+ gin b.go:3:1: new (droppedctx)\n"
	if out.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", out.String(), want)
	}
}

// TestParseDiff: -fix -diff's output becomes one finding per file, named
// relative to the entry, holding that file's diff.
func TestParseDiff(t *testing.T) {
	out := `--- /corpus/x/a/a.go (old)
+++ /corpus/x/a/a.go (new)
@@ -1,1 +1,1 @@
-	f(context.Background())
+	f(ctx)
--- /corpus/x/b.go (old)
+++ /corpus/x/b.go (new)
@@ -2,1 +2,1 @@
-x
+y
`
	var run Run
	run.parseDiff([]byte(out), "/corpus/x")
	if len(run.Findings) != 2 || run.Findings[0].Posn != "a/a.go" || run.Findings[1].Posn != "b.go" {
		t.Fatalf("findings = %+v", run.Findings)
	}
	if want := "a/a.go (old)\n+++ a/a.go (new)\n@@ -1,1 +1,1 @@\n-\tf(context.Background())\n+\tf(ctx)"; run.Findings[0].Message != want {
		t.Errorf("first file's diff = %q, want %q", run.Findings[0].Message, want)
	}
	if !strings.HasSuffix(run.Findings[1].Message, "+y\n") {
		t.Errorf("last file's diff = %q", run.Findings[1].Message)
	}
	var none Run
	if none.parseDiff(nil, "/corpus/x"); len(none.Findings) != 0 {
		t.Errorf("no diff: %+v", none.Findings)
	}
}

func TestParseGolangci(t *testing.T) {
	// Issues of other linters are left out; paths are made relative.
	out := `{"Issues":[{"FromLinter":"droppedctx","Text":"m1","Pos":{"Filename":"a/a.go","Line":3,"Column":1}},
{"FromLinter":"errcheck","Text":"m2","Pos":{"Filename":"a/a.go","Line":4,"Column":1}},
{"FromLinter":"notimeout","Text":"m3","Pos":{"Filename":"/corpus/x/b/b.go","Line":9,"Column":2}}]}`
	var run Run
	run.parseGolangci([]byte(out), "/corpus/x", conclintLinters())
	if len(run.Findings) != 2 || run.Findings[0].Posn != "a/a.go:3:1" || run.Findings[1].Posn != "b/b.go:9:2" || run.Findings[1].Analyzer != "notimeout" {
		t.Errorf("findings = %+v", run.Findings)
	}
	run = Run{}
	run.parseGolangci([]byte("not json"), "/corpus/x", conclintLinters())
	if len(run.Errors) != 1 {
		t.Errorf("errors = %+v", run.Errors)
	}
}

func TestGolangciConfig(t *testing.T) {
	r := &runner{work: t.TempDir()}
	for mode, want := range map[string]string{modeGolangciStandard: "default: standard", modeGolangciConclint: "- droppedctx"} {
		path, err := r.golangciConfig(mode)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(path)
		if !strings.Contains(string(data), want) || !strings.Contains(string(data), "default: standard") || strings.Contains(string(data), "default: none") {
			t.Errorf("%s config:\n%s", mode, data)
		}
	}
}
