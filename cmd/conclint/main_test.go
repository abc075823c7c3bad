package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"github.com/conclint/conclint"
)

// These tests build the conclint binary once and drive it the ways users
// do: standalone (text, -json, -fix, -diff, -NAME=false, -format,
// -explain), as go vet -vettool and as go fix -fixtool. They run on
// examples/, which holds at least one finding per analyzer.

var bin string // the conclint binary under test

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "conclint-test")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "conclint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		panic("building conclint: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const repoRoot = "../.."

// result is what a command printed and its exit code.
type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	return runWith(t, nil, dir, name, args...)
}

// runWith runs name with env added to the environment.
func runWith(t *testing.T, env []string, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// shopModule copies examples/shop into a fresh module and returns its
// directory, for commands that rewrite files.
func shopModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join(repoRoot, "examples", "shop", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/shop\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// diagnostic is one entry of multichecker's -json output.
type diagnostic struct {
	Posn           string `json:"posn"`
	Message        string `json:"message"`
	SuggestedFixes []any  `json:"suggested_fixes"`
}

// decodeJSON reads the JSON printed by -json (one object) or by go vet
// -json (one object per package, each after a "# pkg" line) and returns
// the diagnostics per analyzer.
func decodeJSON(t *testing.T, out string) map[string][]diagnostic {
	t.Helper()
	var lines []string
	for line := range strings.SplitSeq(out, "\n") {
		if !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	dec := json.NewDecoder(strings.NewReader(strings.Join(lines, "\n")))
	byAnalyzer := map[string][]diagnostic{}
	for dec.More() {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			t.Fatalf("decoding %q: %v", out, err)
		}
		for _, analyzers := range tree {
			for name, raw := range analyzers {
				var diags []diagnostic
				if err := json.Unmarshal(raw, &diags); err != nil {
					t.Errorf("%s: %s", name, raw) // {"error": ...}
				}
				byAnalyzer[name] = append(byAnalyzer[name], diags...)
			}
		}
	}
	return byAnalyzer
}

// examplesJSON returns conclint -json ./examples/..., run once.
var examplesJSON = sync.OnceValue(func() result {
	cmd := exec.Command(bin, "-json", "-lockio.io", "-seqio.chain", "./examples/...")
	cmd.Dir = repoRoot
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run()
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
})

func TestEveryAnalyzerReportsOnExamples(t *testing.T) {
	r := examplesJSON()
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got := decodeJSON(t, r.stdout)
	for _, a := range conclint.Suite {
		if len(got[a.Name]) == 0 {
			t.Errorf("%s reports nothing on examples/; every analyzer needs an example finding", a.Name)
		}
	}
}

func TestTextAndDisable(t *testing.T) {
	r := run(t, repoRoot, bin, "./examples/...")
	if r.code != 3 || !strings.Contains(r.stderr, "examples/shop/") {
		t.Fatalf("exit %d, want 3 with findings: %s", r.code, r.stderr)
	}
	// -NAME=false drops one analyzer and keeps the others.
	first := conclint.Suite[0]
	got := decodeJSON(t, run(t, repoRoot, bin, "-json", "-lockio.io", "-seqio.chain", "-"+first.Name+"=false", "./examples/...").stdout)
	for _, a := range conclint.Suite {
		if reports := len(got[a.Name]) > 0; reports != (a != first) {
			t.Errorf("-%s=false: %s reports: %v", first.Name, a.Name, reports)
		}
	}
}

// TestBothRoutesAgree: conclint ./... runs through go vet; the in-process
// driver (CONCLINT_DRIVER=standalone) must print the same bytes on stdout
// and stderr, with the same exit code: on a module with findings and a
// package with a type error, in text with -c context lines, -json and
// SARIF, and for -fix -diff.
func TestBothRoutesAgree(t *testing.T) {
	broken := brokenModule(t)
	for _, tc := range []struct {
		dir  string
		args []string
		want string // in the output of both: agreeing on nothing proves nothing
	}{
		{broken, []string{"-c", "1", "./..."}, "(droppedctx/"},
		{broken, []string{"-json", "./..."}, `"category": "droppedctx/`},
		{broken, []string{"-format=sarif", "./..."}, `"ruleId": "droppedctx/`},
		{broken, []string{"-fix", "-diff", "./b"}, "\n+"},
	} {
		viaVet := runEnv(t, routes["vet"], tc.dir, tc.args...)
		inProcess := runEnv(t, routes["standalone"], tc.dir, tc.args...)
		if out := viaVet.stdout + viaVet.stderr; !strings.Contains(out, tc.want) || tc.args[len(tc.args)-1] == "./..." && !strings.Contains(out, "undefinedThing") {
			t.Errorf("%q through go vet: no %q or no type error in\n%s", tc.args, tc.want, out)
		}
		if viaVet != inProcess {
			t.Errorf("%q: through go vet: exit %d\n%s\n%s\nin process: exit %d\n%s\n%s", tc.args,
				viaVet.code, viaVet.stdout, viaVet.stderr, inProcess.code, inProcess.stdout, inProcess.stderr)
		}
	}
}

// fixable counts diagnostics that carry a suggested fix.
func fixable(diags map[string][]diagnostic) int {
	n := 0
	for _, ds := range diags {
		for _, d := range ds {
			if len(d.SuggestedFixes) > 0 {
				n++
			}
		}
	}
	return n
}

// snapshot returns the Go files of dir and their content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	m := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m[filepath.Base(f)] = string(data)
	}
	return m
}

func changed(before, after map[string]string) []string {
	var names []string
	for name, content := range after {
		if before[name] != content {
			names = append(names, name)
		}
	}
	return names
}

func TestFixAndDiff(t *testing.T) {
	dir := shopModule(t)
	before := snapshot(t, dir)
	fixesBefore := fixable(decodeJSON(t, examplesJSON().stdout)) // the same files
	if fixesBefore == 0 {
		t.Fatal("no finding with a suggested fix in examples/")
	}

	r := run(t, dir, bin, "-fix", "-diff", "./...")
	if r.code != 3 || !strings.Contains(r.stdout, "--- ") || !strings.Contains(r.stdout, "+++ ") {
		t.Errorf("-fix -diff printed no diff (exit %d): %s%s", r.code, r.stdout, r.stderr)
	}
	if c := changed(before, snapshot(t, dir)); len(c) > 0 {
		t.Errorf("-fix -diff changed %v", c)
	}

	// examples/shop has findings without a fix: -fix applies the others,
	// shows what remains and exits 3.
	r = run(t, dir, bin, "-fix", "./...")
	if r.code != 3 || !strings.Contains(r.stderr, "(unboundedgo/fanout)") || !strings.Contains(r.stderr, "-fix applied the fixes it could") ||
		!regexp.MustCompile(`conclint: -fix changed \d+ files?: \w+\.go`).MatchString(r.stderr) {
		t.Errorf("-fix: exit %d, want 3 and the findings that remain: %s", r.code, r.stderr)
	}
	if c := changed(before, snapshot(t, dir)); len(c) == 0 {
		t.Error("-fix changed no file")
	}
	if after := fixable(decodeJSON(t, run(t, dir, bin, "-json", "./...").stdout)); after >= fixesBefore {
		t.Errorf("after -fix, %d findings with fixes remain (before: %d)", after, fixesBefore)
	}
	if r := run(t, dir, "go", "build", "./..."); r.code != 0 {
		t.Errorf("fixed code does not build: %s", r.stderr)
	}
}

func TestGoVetVettool(t *testing.T) {
	dir := shopModule(t)
	r := run(t, dir, "go", "vet", "-vettool="+bin, "./...")
	if r.code != 1 || !regexp.MustCompile(`(?m)^\w+\.go:\d+:\d+: `).MatchString(r.stderr) {
		t.Fatalf("go vet: exit %d, want 1 with findings:\n%s", r.code, r.stderr)
	}
	r = run(t, dir, "go", "vet", "-vettool="+bin, "-json", "-lockio.io", "-seqio.chain", "./...")
	got := decodeJSON(t, r.stdout+r.stderr)
	for _, a := range conclint.Suite {
		if len(got[a.Name]) == 0 {
			t.Errorf("go vet -json: no %s finding", a.Name)
		}
	}
}

func TestGoFixFixtool(t *testing.T) {
	dir := shopModule(t)
	before := snapshot(t, dir)
	r := run(t, dir, "go", "fix", "-fixtool="+bin, "-diff", "./...")
	if !strings.Contains(r.stdout, "+++ ") {
		t.Errorf("go fix -diff: exit %d, no diff: %s%s", r.code, r.stdout, r.stderr)
	}
	if c := changed(before, snapshot(t, dir)); len(c) > 0 {
		t.Errorf("go fix -diff changed %v", c)
	}
	r = run(t, dir, "go", "fix", "-fixtool="+bin, "./...")
	if r.code != 0 {
		t.Errorf("go fix: exit %d: %s", r.code, r.stderr)
	}
	if c := changed(before, snapshot(t, dir)); len(c) == 0 {
		t.Error("go fix -fixtool changed no file")
	}
}

func TestSARIF(t *testing.T) {
	r := run(t, repoRoot, bin, "-format=sarif", "-lockio.io", "-seqio.chain", "./examples/...")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	schema, err := os.ReadFile(filepath.Join(repoRoot, "internal", "report", "testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewStringLoader(r.stdout))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors() {
		t.Errorf("SARIF schema: %s", e)
	}

	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Rules []struct{ ID string } }
			}
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ EndLine int }
					}
				}
				Fixes []any
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, rule := range log.Runs[0].Tool.Driver.Rules {
		rules[rule.ID] = true
	}
	for id := range rules {
		if _, ok := conclint.Rules().Lookup(id); !ok {
			t.Errorf("SARIF rule %q is no rule ID", id)
		}
	}
	results := map[string]int{}
	fixes := 0
	for _, res := range log.Runs[0].Results {
		if !rules[res.RuleID] {
			t.Errorf("result of rule %q, which the run does not list", res.RuleID)
		}
		analyzer, _, _ := strings.Cut(res.RuleID, "/")
		results[analyzer]++
		fixes += len(res.Fixes)
		loc := res.Locations[0].PhysicalLocation
		if !strings.HasPrefix(loc.ArtifactLocation.URI, "examples/shop/") || loc.Region.EndLine == 0 {
			t.Errorf("result location %+v: want a repo-relative URI and an end", loc)
		}
	}
	for _, a := range conclint.Suite {
		if !rules[a.Name+"/directive"] || results[a.Name] == 0 {
			t.Errorf("%s: rules listed %v, %d results", a.Name, rules[a.Name+"/directive"], results[a.Name])
		}
	}
	if fixes == 0 {
		t.Error("no fixes in SARIF")
	}
}

func TestGitHubFormat(t *testing.T) {
	r := run(t, repoRoot, bin, "-format=github", "-lockio.io", "-seqio.chain", "./examples/...")
	if r.code != 3 {
		t.Errorf("exit %d, want 3: %s", r.code, r.stderr)
	}
	annotation := regexp.MustCompile(`^::warning file=examples/shop/\w+\.go,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=(\w+)/\w+::\S`)
	seen := map[string]bool{}
	for line := range strings.SplitSeq(strings.TrimSpace(r.stdout), "\n") {
		m := annotation.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("not an annotation: %q", line)
			continue
		}
		seen[m[1]] = true
	}
	for _, a := range conclint.Suite {
		if !seen[a.Name] {
			t.Errorf("no %s annotation", a.Name)
		}
	}
}

func TestExplain(t *testing.T) {
	for _, a := range conclint.Suite {
		r := run(t, ".", bin, "-explain", a.Name)
		if r.code != 0 || !strings.HasPrefix(r.stdout, strings.TrimSpace(a.Doc)) {
			t.Errorf("-explain %s: exit %d:\n%s", a.Name, r.code, r.stdout)
		}
	}
	for _, id := range []string{"droppedctx/goroutine", "lockio/io"} {
		r := run(t, ".", bin, "-explain", id)
		if r.code != 0 || !strings.HasPrefix(r.stdout, id+": ") || !strings.Contains(r.stdout, "Bad:") {
			t.Errorf("-explain %s: exit %d:\n%s", id, r.code, r.stdout)
		}
	}
	if r := run(t, ".", bin, "-explain=nosuch"); r.code != 2 || !strings.Contains(r.stderr, conclint.Suite[0].Name) {
		t.Errorf("-explain=nosuch: exit %d: %s", r.code, r.stderr)
	}
}
