//go:build integration

package integration

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/toolbuild"
)

const repoRoot = "../.."

// golangciLint builds the golangci-lint under test once, or takes
// $CONCLINT_GOLANGCI_LINT, and returns it with its cache directory: one
// per binary, so that results never go stale.
var golangciLint = sync.OnceValues(func() ([2]string, error) {
	work := toolbuild.WorkDir("buildgcl")
	if gcl := os.Getenv("CONCLINT_GOLANGCI_LINT"); gcl != "" {
		lintCache := filepath.Join(work, "lint-cache-env")
		return [2]string{gcl, lintCache}, os.RemoveAll(lintCache)
	}
	bin, err := toolbuild.Golangci(toolbuild.Options{
		Root:    repoRoot,
		WorkDir: work,
		Output:  filepath.Join(repoRoot, "bin", "golangci-lint-conclint"),
		Log:     os.Stderr,
	})
	if err != nil {
		return [2]string{}, err
	}
	return [2]string{bin.Path, filepath.Join(work, "lint-cache-"+bin.Stamp[:12])}, nil
})

// issue is the part of golangci-lint's JSON output the tests read.
type issue struct {
	FromLinter string
	Text       string
	Pos        struct {
		Filename string
		Line     int
	}
	SuggestedFixes []any
}

// lint runs golangci-lint in dir with config and returns its issues, its
// stderr and its exit code. args are extra flags and package patterns.
func lint(t *testing.T, dir, config string, args ...string) ([]issue, string, int) {
	t.Helper()
	tool, err := golangciLint()
	if err != nil {
		t.Fatal(err)
	}
	gcl, lintCache := tool[0], tool[1]
	args = append([]string{"run", "--config", config, "--allow-parallel-runners",
		"--output.json.path=stdout", "--show-stats=false", "--issues-exit-code=0"}, args...)
	cmd := exec.Command(gcl, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+filepath.Join(lintCache, t.Name()))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	var out struct{ Issues []issue }
	if cmd.ProcessState.ExitCode() == 0 {
		if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
			t.Fatalf("golangci-lint output %q: %v\n%s", stdout.String(), err, stderr.String())
		}
	}
	return out.Issues, stderr.String(), cmd.ProcessState.ExitCode()
}

// shopModule copies examples/shop into a fresh module with
// .golangci-plugin.yml as its .golangci.yml, edited by replace (old, new
// pairs), and returns its directory.
func shopModule(t *testing.T, replace ...string) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(repoRoot, "examples", "shop", "*.go"))
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	for _, f := range files {
		copyFile(t, f, filepath.Join(dir, filepath.Base(f)))
	}
	write(t, filepath.Join(dir, "go.mod"), "module example.com/shop\n\ngo 1.26\n")
	config := read(t, filepath.Join(repoRoot, ".golangci-plugin.yml"))
	for i := 0; i+1 < len(replace); i += 2 {
		if !strings.Contains(config, replace[i]) {
			t.Fatalf(".golangci-plugin.yml has no %q", replace[i])
		}
		config = strings.Replace(config, replace[i], replace[i+1], 1)
	}
	write(t, filepath.Join(dir, ".golangci.yml"), config)
	return dir
}

func TestEveryLinterReportsOnExamples(t *testing.T) {
	// lockio's network rule, which the shop's lockio mistake needs, is
	// opt-in.
	dir := shopModule(t, "          io: false", "          io: true")
	issues, stderr, code := lint(t, dir, ".golangci.yml", "./...")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	byLinter := map[string]int{}
	for _, is := range issues {
		byLinter[is.FromLinter]++
	}
	for _, a := range conclint.Suite {
		if byLinter[a.Name] == 0 {
			t.Errorf("golangci-lint reports no %s finding on examples/ (got %v)", a.Name, byLinter)
		}
	}
}

func TestNolintSuppressesOne(t *testing.T) {
	dir := shopModule(t)
	before, stderr, code := lint(t, dir, ".golangci.yml", "./...")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Suppress the first finding on a line that has no comment yet.
	var target issue
	for _, is := range before {
		if line := lineOf(t, filepath.Join(dir, is.Pos.Filename), is.Pos.Line); !strings.Contains(line, "//") {
			target = is
			break
		}
	}
	if target.FromLinter == "" {
		t.Fatal("no finding on a line without a comment")
	}
	appendToLine(t, filepath.Join(dir, target.Pos.Filename), target.Pos.Line, " //nolint:"+target.FromLinter)
	after, stderr, code := lint(t, dir, ".golangci.yml", "./...")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, is := range after {
		if is.FromLinter == target.FromLinter && is.Pos.Filename == target.Pos.Filename && is.Pos.Line == target.Pos.Line {
			t.Errorf("//nolint:%s did not suppress %s:%d: %s", target.FromLinter, is.Pos.Filename, is.Pos.Line, is.Text)
		}
	}
	if len(after) != len(before)-1 {
		t.Errorf("//nolint:%s at %s:%d: %d findings, want %d", target.FromLinter, target.Pos.Filename, target.Pos.Line, len(after), len(before)-1)
	}
}

// TestSettingChangesBehaviour turns on droppedctx's logging setting, which
// makes it report slog calls that drop the request's context.
func TestSettingChangesBehaviour(t *testing.T) {
	const extra = `package shop

import (
	"log/slog"
	"net/http"
)

func ping(w http.ResponseWriter, r *http.Request) {
	slog.Info("ping")
}
`
	count := func(dir string) int {
		write(t, filepath.Join(dir, "ping.go"), extra)
		issues, stderr, code := lint(t, dir, ".golangci.yml", "./...")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		n := 0
		for _, is := range issues {
			if is.FromLinter == "droppedctx" && is.Pos.Filename == "ping.go" {
				n++
			}
		}
		return n
	}
	if n := count(shopModule(t)); n != 0 {
		t.Errorf("default settings: %d droppedctx findings in ping.go, want 0", n)
	}
	if n := count(shopModule(t, "logging: false", "logging: true")); n != 1 {
		t.Errorf("logging: true: %d droppedctx findings in ping.go, want 1", n)
	}
}

func TestUnknownSettingFails(t *testing.T) {
	dir := shopModule(t, "        settings:\n", "        settings:\n          nosuchsetting: 1\n")
	_, stderr, code := lint(t, dir, ".golangci.yml", "./...")
	if code != 3 || !strings.Contains(stderr, "nosuchsetting") || !strings.Contains(stderr, conclint.Suite[0].Name) {
		t.Errorf("exit %d, want 3 and an error naming the analyzer and the key: %s", code, stderr)
	}
}

func TestFixApplies(t *testing.T) {
	dir := shopModule(t)
	before, _, _ := lint(t, dir, ".golangci.yml", "./...")
	fixable := func(issues []issue) int {
		n := 0
		for _, is := range issues {
			if len(is.SuggestedFixes) > 0 {
				n++
			}
		}
		return n
	}
	if fixable(before) == 0 {
		t.Fatal("no finding with a suggested fix")
	}
	src := snapshot(t, dir)
	if _, stderr, code := lint(t, dir, ".golangci.yml", "--fix", "./..."); code != 0 {
		t.Fatalf("--fix: exit %d: %s", code, stderr)
	}
	if fixed := snapshot(t, dir); fixed == src {
		t.Fatal("--fix changed nothing")
	}
	after, _, _ := lint(t, dir, ".golangci.yml", "./...")
	if fixable(after) >= fixable(before) {
		t.Errorf("after --fix %d fixable findings remain (before %d)", fixable(after), fixable(before))
	}
	cmd := exec.Command("go", "build", "./...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("fixed code does not build: %v\n%s", err, out)
	}
}

func snapshot(t *testing.T, dir string) string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var b strings.Builder
	for _, f := range files {
		b.WriteString(read(t, f))
	}
	return b.String()
}

func lineOf(t *testing.T, file string, line int) string {
	lines := strings.Split(read(t, file), "\n")
	return lines[line-1]
}

func appendToLine(t *testing.T, file string, line int, text string) {
	lines := strings.Split(read(t, file), "\n")
	lines[line-1] += text
	write(t, file, strings.Join(lines, "\n"))
}

func read(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func write(t *testing.T, file, content string) {
	t.Helper()
	if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) { write(t, to, read(t, from)) }
