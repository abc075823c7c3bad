package driver

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestTestsOff(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"-json"}, false},
		{[]string{"-test=false", "-json"}, true},
		{[]string{"--test=0"}, true},
		{[]string{"-test=false", "-test"}, false}, // the last one wins
		{[]string{"-test=true"}, false},
		{[]string{"-droppedctx.tests=false"}, false}, // an analyzer's own option
		{[]string{"-droppedctx.test=false"}, false},
	} {
		if got := testsOff(tc.args); got != tc.want {
			t.Errorf("testsOff(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
	if got := withoutTestFlag([]string{"-test=false", "-droppedctx.tests", "-json"}); !slices.Equal(got, []string{"-droppedctx.tests", "-json"}) {
		t.Errorf("withoutTestFlag: %q", got)
	}
}

// TestWithoutTests: a vet.cfg with test files is rewritten without them
// (every other field kept), one with test files only is answered with
// empty outputs, and one without is left alone.
func TestWithoutTests(t *testing.T) {
	dir := t.TempDir()
	writeCfg := func(name string, goFiles []string, fix bool) (string, map[string]any) {
		cfg := map[string]any{
			"ID":          "example.com/p",
			"ImportPath":  "example.com/p",
			"GoFiles":     goFiles,
			"PackageVetx": map[string]string{"context": "/x/vet.out"},
			"VetxOutput":  filepath.Join(dir, name+".vet.out"),
			"Stdout":      filepath.Join(dir, name+".stdout"),
		}
		if fix {
			cfg["FixArchive"] = filepath.Join(dir, name+".fix.zip")
		}
		data, _ := json.Marshal(cfg)
		file := filepath.Join(dir, name+".cfg")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return file, cfg
	}

	plain, _ := writeCfg("plain", []string{"/p/a.go", "/w/b001/_cgo_gotypes.go"}, false)
	if args, run := withoutTests([]string{"-test=false", plain}); !run || !slices.Equal(args, []string{"-test=false", plain}) {
		t.Errorf("no test files: %q, %v; want the call unchanged", args, run)
	}

	mixed, cfg := writeCfg("mixed", []string{"/p/a.go", "/p/a_test.go", "/p/b.go"}, false)
	args, run := withoutTests([]string{"-test=false", "-json", mixed})
	if !run || len(args) != 3 || args[2] == mixed || !slices.Equal(args[:2], []string{"-test=false", "-json"}) {
		t.Fatalf("with test files: %q, %v; want a new vet.cfg", args, run)
	}
	data, err := os.ReadFile(args[2])
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	cfg["GoFiles"] = []any{"/p/a.go", "/p/b.go"}
	want, _ := json.Marshal(cfg)
	gotJSON, _ := json.Marshal(got)
	if string(gotJSON) != string(want) {
		t.Errorf("rewritten vet.cfg:\n%s\nwant\n%s", gotJSON, want)
	}

	// A facts-only call that reads the output of a package with tests
	// (mixed's) is of a test variant, for the external test only.
	mixedOut := cfg["VetxOutput"].(string)
	if _, err := os.Stat(mixedOut + testsMark); err != nil {
		t.Errorf("with test files: the output is not marked: %v", err)
	}
	// A variant's output is known by its content: the go command may
	// serve it from its cache, without the mark.
	variantOut := filepath.Join(dir, "cached-variant")
	if err := os.WriteFile(variantOut, []byte(variantOutput), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		vetxOnly bool
		imports  string
		answered bool
	}{
		{"variant", true, mixedOut, true},
		{"variantofvariant", true, variantOut, true},
		{"variantroot", false, mixedOut, false}, // a reporting call: never
		{"dependency", true, "/x/vet.out", false},
	} {
		file, cfg := writeCfg(tc.name, []string{"/p/c.go"}, false)
		cfg["VetxOnly"], cfg["PackageVetx"] = tc.vetxOnly, map[string]string{"example.com/p": tc.imports}
		data, _ := json.Marshal(cfg)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args, run := withoutTests([]string{"-test=false", file})
		if answered := !run; answered != tc.answered || !slices.Equal(args, []string{"-test=false", file}) {
			t.Errorf("%s: %q, answered %v; want the call unchanged, answered %v", tc.name, args, answered, tc.answered)
		}
		out, _ := os.ReadFile(cfg["VetxOutput"].(string))
		if variant := string(out) == variantOutput; variant != tc.answered {
			t.Errorf("%s: a variant's output written: %v, want %v", tc.name, variant, tc.answered)
		}
	}

	for _, fix := range []bool{false, true} {
		only, cfg := writeCfg("only", []string{"/p/x_test.go"}, fix)
		if _, run := withoutTests([]string{"-test=false", only}); run {
			t.Errorf("test files only (fix %v): the call was not answered", fix)
		}
		for _, key := range []string{"VetxOutput", "Stdout"} {
			if data, err := os.ReadFile(cfg[key].(string)); err != nil || len(data) > 0 {
				t.Errorf("test files only: %s: %q, %v; want an empty file", key, data, err)
			}
		}
		if fix {
			r, err := zip.OpenReader(cfg["FixArchive"].(string))
			if err != nil || len(r.File) > 0 {
				t.Errorf("test files only: fix archive: %v; want an empty zip", err)
			} else {
				r.Close()
			}
		}
	}
}

// TestChecksTests: the tests are analysed when an analyzer's tests option
// is on by default or set on by the arguments, the last one winning.
func TestChecksTests(t *testing.T) {
	newAnalyzer := func(name string, tests bool) *analysis.Analyzer {
		a := &analysis.Analyzer{Name: name}
		a.Flags.Bool("tests", tests, "")
		return a
	}
	off := []*analysis.Analyzer{newAnalyzer("a", false), newAnalyzer("b", false), {Name: "c"}}
	on := []*analysis.Analyzer{newAnalyzer("a", false), newAnalyzer("d", true)}
	for _, tc := range []struct {
		suite []*analysis.Analyzer
		args  []string
		want  bool
	}{
		{off, nil, false},
		{off, []string{"-json", "-test=true"}, false},
		{off, []string{"-b.tests"}, true},
		{off, []string{"--a.tests=true"}, true},
		{off, []string{"-a.tests", "-a.tests=false"}, false},
		{off, []string{"-c.tests"}, false}, // c has no such option
		{off, []string{"-tests"}, false},
		{on, nil, true},
		{on, []string{"-d.tests=false"}, false},
	} {
		if got := checksTests(tc.suite, tc.args); got != tc.want {
			t.Errorf("checksTests(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
