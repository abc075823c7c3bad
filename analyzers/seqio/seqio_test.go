package seqio_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/seqio"
)

func TestSeqio(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), seqio.Analyzer, "a")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), seqio.Analyzer, "fix")
}

// TestFixedTypeChecks runs seqio on the golden files: they must compile,
// and the rewritten code must not be reported again.
func TestFixedTypeChecks(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(analysistest.TestData(), "src")
	if err := os.CopyFS(filepath.Join(dir, "src"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	goldens, _ := filepath.Glob(filepath.Join(dir, "src", "fix", "*.go.golden"))
	if len(goldens) == 0 {
		t.Fatal("no golden files")
	}
	// A want comment the fix moved into a goroutine expects nothing now.
	moved := regexp.MustCompile(`(g\.Go\(func\(\) \(err error\) \{\n[^\n]*?) // want [^\n]*`)
	for _, g := range goldens {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(strings.TrimSuffix(g, ".golden"), moved.ReplaceAll(data, []byte("$1")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	analysistest.Run(t, dir, seqio.Analyzer, "fix")
}
