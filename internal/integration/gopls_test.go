//go:build integration

package integration

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/toolbuild"
)

// diagnosticsTimeout bounds each wait for gopls's diagnostics. A cold
// gopls computes conclint's facts for the standard library first (about
// half a minute on 2 cores); warm, they arrive in a few seconds.
const diagnosticsTimeout = 3 * time.Minute

// goplsBinary builds the gopls under test once, or takes $CONCLINT_GOPLS.
var goplsBinary = sync.OnceValues(func() (string, error) {
	if path := os.Getenv("CONCLINT_GOPLS"); path != "" {
		return path, nil
	}
	bin, err := toolbuild.Gopls(toolbuild.Options{
		Root:    repoRoot,
		WorkDir: toolbuild.WorkDir("buildgopls"),
		Output:  filepath.Join(repoRoot, "bin", "gopls-conclint"),
		Log:     os.Stderr,
	})
	if bin.Rebuilt {
		fmt.Fprintf(os.Stderr, "gopls built in %.0fs\n", bin.Took.Seconds())
	}
	return bin.Path, err
})

// startGopls starts the gopls under test on the module in dir with the
// given "gopls" settings.
func startGopls(t *testing.T, dir string, settings map[string]any) *lspClient {
	t.Helper()
	gopls, err := goplsBinary()
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(gopls)
	if err != nil {
		t.Fatal(err)
	}
	return startLSP(t, dir, settings, abs, "serve")
}

// open sends didOpen for a file of dir and returns its URI.
func (c *lspClient) open(dir, name string) string {
	uri := fileURI(filepath.Join(dir, name))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "go", "version": 1, "text": read(c.t, filepath.Join(dir, name)),
	}})
	return uri
}

// finding is a diagnostic as the tests compare them: by analyzer, file,
// range and message.
type finding struct {
	source, file string
	rng          lspRange
	message      string
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d:%d-%d:%d %s: %s", f.file, f.rng.Start.Line+1, f.rng.Start.Character+1,
		f.rng.End.Line+1, f.rng.End.Character+1, f.source, f.message)
}

// conclintFindings returns the published diagnostics of conclint's
// analyzers, sorted.
func conclintFindings(published map[string][]diagnostic) []finding {
	names := map[string]bool{}
	for _, a := range conclint.Suite {
		names[a.Name] = true
	}
	var out []finding
	for uri, ds := range published {
		for _, d := range ds {
			if names[d.Source] {
				out = append(out, finding{d.Source, filepath.Base(uri), d.Range, d.Message})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// change replaces the text of an open file of dir (a full-content change).
func (c *lspClient) change(dir, name string, version int, text string) {
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": fileURI(filepath.Join(dir, name)), "version": version},
		"contentChanges": []any{map[string]any{"text": text}},
	})
}

// vetFinding is a diagnostic of conclint -json (go vet's JSON).
type vetFinding struct {
	Posn, End, Message string
	SuggestedFixes     []struct {
		Message string
		Edits   []struct {
			Filename   string
			Start, End int
			New        string
		}
	} `json:"suggested_fixes"`
}

// conclintJSON runs conclint -json on the module in dir and returns its
// findings by analyzer.
func conclintJSON(t *testing.T, dir string) map[string][]vetFinding {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "conclint")
	build := exec.Command("go", "build", "-o", bin, "./cmd/conclint")
	build.Dir = repoRoot
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/conclint: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-json", "./...")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("conclint -json: %v\n%s", err, out)
	}
	var byPkg map[string]map[string]json.RawMessage
	if err := json.Unmarshal(out, &byPkg); err != nil {
		t.Fatalf("conclint -json output %q: %v", out, err)
	}
	findings := map[string][]vetFinding{}
	for _, byAnalyzer := range byPkg {
		for name, raw := range byAnalyzer {
			var fs []vetFinding
			if err := json.Unmarshal(raw, &fs); err != nil {
				t.Fatalf("conclint -json, %s: %s: %v", name, raw, err)
			}
			findings[name] = append(findings[name], fs...)
		}
	}
	return findings
}

// asFinding converts conclint's file:line:col positions (1-based, in
// bytes) to an LSP range (0-based); the example is ASCII.
func asFinding(t *testing.T, source string, f vetFinding) finding {
	pos := func(posn string) (file string, p position) {
		parts := strings.Split(posn, ":")
		if len(parts) < 3 {
			t.Fatalf("conclint -json position %q", posn)
		}
		n := len(parts)
		fmt.Sscan(parts[n-2], &p.Line)
		fmt.Sscan(parts[n-1], &p.Character)
		p.Line--
		p.Character--
		return filepath.Base(strings.Join(parts[:n-2], ":")), p
	}
	file, start := pos(f.Posn)
	_, end := pos(f.End)
	return finding{source, file, lspRange{start, end}, f.Message}
}

// hasFinding returns a matcher for waitDiagnostics: a finding of source in
// file whose message contains text.
func hasFinding(published map[string][]diagnostic, source, file, text string) bool {
	for _, f := range conclintFindings(published) {
		if f.source == source && f.file == file && strings.Contains(f.message, text) {
			return true
		}
	}
	return false
}

// TestGoplsReportsWhatConclintReports opens one file of the example and
// waits until gopls has published every finding conclint reports on its
// package, with the analyzer's name as source, the same range and message,
// as warnings, and nothing else from conclint's analyzers.
func TestGoplsReportsWhatConclintReports(t *testing.T) {
	dir := shopModule(t)
	var want []finding
	for name, fs := range conclintJSON(t, dir) {
		for _, f := range fs {
			want = append(want, asFinding(t, name, f))
		}
	}
	sort.Slice(want, func(i, j int) bool { return want[i].String() < want[j].String() })
	if len(want) == 0 {
		t.Fatal("conclint reports nothing on examples/shop")
	}
	var wantText strings.Builder
	for _, f := range want {
		fmt.Fprintf(&wantText, "\n  %s", f)
	}

	c := startGopls(t, dir, map[string]any{})
	c.open(dir, "store.go")
	published := c.waitDiagnostics(diagnosticsTimeout, "diagnostics equal to conclint's\n(want:"+wantText.String()+")", func(m map[string][]diagnostic) bool {
		got := conclintFindings(m)
		if len(got) != len(want) {
			return false
		}
		for i := range got {
			if got[i] != want[i] {
				return false
			}
		}
		return true
	})
	for _, f := range conclintFindings(published) {
		t.Logf("published %s", f)
	}
	for _, ds := range published {
		for _, d := range ds {
			if d.Source != "" && d.Severity != 2 && slicesContainsName(d.Source) {
				t.Errorf("%s: %s has severity %d, want 2 (warning)", d.Source, d.Message, d.Severity)
			}
		}
	}
}

func slicesContainsName(name string) bool {
	for _, a := range conclint.Suite {
		if a.Name == name {
			return true
		}
	}
	return false
}

// TestGoplsQuickFix asks for the code actions at droppedctx's finding in
// store.go, which has a suggested fix, and checks that the quick fix
// gopls offers has conclint's title and makes conclint's edit.
func TestGoplsQuickFix(t *testing.T) {
	dir := shopModule(t)
	var fix *vetFinding
	for _, f := range conclintJSON(t, dir)["droppedctx"] {
		if strings.Contains(f.Posn, "/store.go:") && len(f.SuggestedFixes) == 1 {
			fix = &f
		}
	}
	if fix == nil {
		t.Fatal("conclint reports no droppedctx finding with a fix in store.go")
	}
	want := asFinding(t, "droppedctx", *fix)
	src := read(t, filepath.Join(dir, "store.go"))
	wantFixed := src
	edits := fix.SuggestedFixes[0].Edits
	for i := len(edits) - 1; i >= 0; i-- { // conclint's edits are in order
		e := edits[i]
		wantFixed = wantFixed[:e.Start] + e.New + wantFixed[e.End:]
	}

	c := startGopls(t, dir, map[string]any{})
	uri := c.open(dir, "store.go")
	published := c.waitDiagnostics(diagnosticsTimeout, "diagnostic "+want.String(), func(m map[string][]diagnostic) bool {
		return hasFinding(m, "droppedctx", "store.go", want.message)
	})
	var diag diagnostic
	for _, d := range published[uri] {
		if d.Source == "droppedctx" {
			diag = d
		}
	}
	var actions []struct {
		Title string
		Kind  string
		Edit  struct {
			DocumentChanges []struct {
				TextDocument struct{ URI string }
				Edits        []textEdit
			}
		}
		Command *struct{ Command string }
	}
	c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        diag.Range,
		"context":      map[string]any{"diagnostics": []diagnostic{diag}, "only": []string{"quickfix"}},
	}, &actions)
	title := fix.SuggestedFixes[0].Message
	var titles []string
	for _, a := range actions {
		titles = append(titles, a.Title)
		if a.Title != title {
			continue
		}
		if a.Kind != "quickfix" {
			t.Errorf("code action %q has kind %q, want quickfix", a.Title, a.Kind)
		}
		if len(a.Edit.DocumentChanges) != 1 || a.Edit.DocumentChanges[0].TextDocument.URI != uri {
			t.Fatalf("code action %q: edit %+v (command %+v), want edits of store.go", a.Title, a.Edit, a.Command)
		}
		edits, _ := json.Marshal(a.Edit.DocumentChanges[0].Edits)
		t.Logf("quick fix %q at %s: %s", a.Title, want, edits)
		if got := applyEdits(t, src, a.Edit.DocumentChanges[0].Edits); got != wantFixed {
			t.Errorf("code action %q makes\n%s\nwant\n%s", a.Title, got, wantFixed)
		}
		return
	}
	t.Fatalf("no quick fix %q at %s; code actions: %q", title, want, titles)
}

// applyEdits applies LSP text edits (non-overlapping, ASCII text) to src.
func applyEdits(t *testing.T, src string, edits []textEdit) string {
	lineStarts := []int{0}
	for i, r := range src {
		if r == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	offset := func(p position) int {
		if p.Line >= len(lineStarts) {
			t.Fatalf("edit at line %d past the end", p.Line+1)
		}
		return lineStarts[p.Line] + p.Character
	}
	sort.Slice(edits, func(i, j int) bool { return offset(edits[i].Range.Start) > offset(edits[j].Range.Start) })
	for _, e := range edits {
		src = src[:offset(e.Range.Start)] + e.NewText + src[offset(e.Range.End):]
	}
	return src
}

// TestGoplsAnalysesSetting turns droppedctx off through gopls's
// "analyses" setting and checks that its findings go while the other
// analyzers' stay.
func TestGoplsAnalysesSetting(t *testing.T) {
	dir := shopModule(t)
	c := startGopls(t, dir, map[string]any{})
	c.open(dir, "store.go")
	count := func(m map[string][]diagnostic) map[string]int {
		n := map[string]int{}
		for _, f := range conclintFindings(m) {
			n[f.source]++
		}
		return n
	}
	c.waitDiagnostics(diagnosticsTimeout, "droppedctx and notimeout diagnostics at start", func(m map[string][]diagnostic) bool {
		n := count(m)
		return n["droppedctx"] > 0 && n["notimeout"] > 0
	})
	c.configure(map[string]any{"analyses": map[string]any{"droppedctx": false}})
	c.waitDiagnostics(diagnosticsTimeout, `publication without droppedctx's diagnostics (with notimeout's) after "analyses": {"droppedctx": false}`, func(m map[string][]diagnostic) bool {
		n := count(m)
		return n["droppedctx"] == 0 && n["notimeout"] > 0
	})
	c.configure(map[string]any{"analyses": map[string]any{"droppedctx": true}})
	c.waitDiagnostics(diagnosticsTimeout, `droppedctx's diagnostics back after "analyses": {"droppedctx": true}`, func(m map[string][]diagnostic) bool {
		return count(m)["droppedctx"] > 0
	})
}

// TestGoplsSuppression edits handlers.go in the editor: //nolint and
// //conclint:ignore on one of its two droppedctx findings drop that one
// and keep the other.
func TestGoplsSuppression(t *testing.T) {
	const (
		target = "store.insert drops the caller's context" // handlers.go:34
		other  = "goroutine uses the request context"      // handlers.go:17
	)
	dir := shopModule(t)
	src := read(t, filepath.Join(dir, "handlers.go"))
	lines := strings.Split(src, "\n")
	if !strings.Contains(lines[33], "s.store.insert(") || strings.Contains(lines[33], "//") {
		t.Fatalf("handlers.go:34 is %q, want the uncommented store.insert call", lines[33])
	}
	edited := func(edit func(lines []string) []string) string {
		return strings.Join(edit(append([]string(nil), lines...)), "\n")
	}
	only := func(wantTarget bool) func(map[string][]diagnostic) bool {
		return func(m map[string][]diagnostic) bool {
			return hasFinding(m, "droppedctx", "handlers.go", other) && hasFinding(m, "droppedctx", "handlers.go", target) == wantTarget
		}
	}

	c := startGopls(t, dir, map[string]any{})
	c.open(dir, "handlers.go")
	c.waitDiagnostics(diagnosticsTimeout, "both droppedctx diagnostics in handlers.go", only(true))

	c.change(dir, "handlers.go", 2, edited(func(l []string) []string { l[33] += " //nolint:droppedctx"; return l }))
	c.waitDiagnostics(diagnosticsTimeout, "handlers.go's diagnostics without the one under //nolint:droppedctx", only(false))

	c.change(dir, "handlers.go", 3, src)
	c.waitDiagnostics(diagnosticsTimeout, "the droppedctx diagnostic back after removing //nolint", only(true))

	c.change(dir, "handlers.go", 4, edited(func(l []string) []string {
		return append(l[:33], append([]string{"\t//conclint:ignore droppedctx the order is written whatever the client does"}, l[33:]...)...)
	}))
	c.waitDiagnostics(diagnosticsTimeout, "handlers.go's diagnostics without the one under //conclint:ignore droppedctx", only(false))
}
