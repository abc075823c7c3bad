package conclint_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/harness"
)

const brokenSource = `package broken

import (
	"context"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	_ = context.Background()
	undefinedHelper(r)
}
`

// TestTypeErrorsInProcess runs every analyzer on an ill-typed package, as
// a driver that runs analyzers despite errors would (the checker skips
// such packages otherwise): none may panic, and they still report what
// they can.
func TestTypeErrorsInProcess(t *testing.T) {
	fset := token.NewFileSet()
	src := brokenSource + "\nfunc fetch(w http.ResponseWriter, r *http.Request) { http.Get(\"http://upstream\") }\n"
	file, err := parser.ParseFile(fset, "broken.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	pkg := harness.Check(fset, "example.com/broken", []*ast.File{file}, harness.NewSourceImporter(fset))
	if !pkg.IllTyped {
		t.Fatal("want a type error")
	}
	// buildssa cannot build ill-typed code, so no driver runs an analyzer
	// that needs SSA (seqio) on such a package: leave those out.
	var typed []*analysis.Analyzer
	for _, a := range conclint.Suite {
		if !requires(a, buildssa.Analyzer) {
			typed = append(typed, a)
		}
	}
	suite := harness.Guard(typed)
	var despiteErrors func(a *analysis.Analyzer)
	despiteErrors = func(a *analysis.Analyzer) {
		a.RunDespiteErrors = true
		for _, req := range a.Requires {
			despiteErrors(req)
		}
	}
	for _, a := range suite {
		despiteErrors(a)
	}
	res, err := harness.Analyze(suite, pkg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Panics {
		t.Error(p)
	}
	for _, err := range res.Errors {
		t.Errorf("not run: %v", err)
	}
	if len(res.Diagnostics["droppedctx"]) == 0 {
		t.Error("droppedctx reports nothing on the ill-typed package, not even http.Get in a handler")
	}
}

// requires reports whether a needs req, directly or through its requirements.
func requires(a, req *analysis.Analyzer) bool {
	if a == req {
		return true
	}
	for _, r := range a.Requires {
		if requires(r, req) {
			return true
		}
	}
	return false
}

// TestTypeErrorsDriver: conclint, standalone and as go vet's tool, prints
// the type error once, with its position, and does not crash.
func TestTypeErrorsDriver(t *testing.T) {
	if testing.Short() {
		t.Skip("builds conclint")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "conclint")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/conclint").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	mod := filepath.Join(dir, "mod")
	for name, src := range map[string]string{
		"go.mod":        "module example.com/broken\n\ngo 1.24\n",
		"broken.go":     brokenSource,
		"ok/ok.go":      "package ok\n\nfunc OK() {}\n",
		"ok/ok_test.go": "package ok\n\nimport \"testing\"\n\nfunc TestOK(t *testing.T) { OK() }\n",
	} {
		path := filepath.Join(mod, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{bin, "./..."},
		{"go", "vet", "-vettool=" + bin, "./..."},
	} {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = mod
		out, err := cmd.CombinedOutput()
		if err == nil {
			t.Errorf("%q succeeded on a package with a type error", args)
		}
		text := string(out)
		if strings.Contains(text, "panic") || strings.Contains(text, "internal error") {
			t.Errorf("%q crashed:\n%s", args, text)
		}
		if n := strings.Count(text, "broken.go:10:2: undefined: undefinedHelper"); n != 1 {
			t.Errorf("%q printed the type error %d times, want once:\n%s", args, n, text)
		}
		// Through go vet (the vetdriver path), that line is all there is
		// besides the package header. The standalone driver adds a line per
		// analyzer it skipped.
		if args[0] == "go" {
			var lines []string
			for line := range strings.Lines(text) {
				if !strings.HasPrefix(line, "# ") {
					lines = append(lines, line)
				}
			}
			if len(lines) != 1 {
				t.Errorf("go vet -vettool=conclint printed %d lines, want the type error alone:\n%s", len(lines), text)
			}
		}
	}
}
