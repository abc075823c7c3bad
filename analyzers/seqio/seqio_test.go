package seqio_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/buildssa"

	"github.com/conclint/conclint/analyzers/seqio"
	"github.com/conclint/conclint/internal/driver"
)

func TestSeqio(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), chained(t), "a", "startup")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), chained(t), "fix")
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
	analysistest.Run(t, dir, chained(t), "fix")
}

func TestLoops(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), withFlag(t, "loops", "true"), "loops")
}

// TestLoopsOff: without -seqio.loops, the loop form reports nothing.
func TestLoopsOff(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), chained(t), "loopsoff")
}

// withFlag returns a new seqio analyzer with -seqio.chain and one more
// flag set.
func withFlag(t *testing.T, name, value string) *analysis.Analyzer {
	t.Helper()
	a := chained(t)
	if err := a.Flags.Set(name, value); err != nil {
		t.Fatal(err)
	}
	return a
}

// chained returns a new seqio analyzer with its opt-in chain rule on.
func chained(t *testing.T) *analysis.Analyzer {
	t.Helper()
	a := seqio.New(seqio.DefaultOptions())
	if err := a.Flags.Set("chain", "true"); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestDefaults: without -seqio.chain, independent reads are reported only
// when each is a costly round trip (seqio/remote).
func TestDefaults(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), seqio.Analyzer, "chainoff", "remote")
}

// TestRemoteWithChain: with -seqio.chain too, a pair of costly calls is
// reported once, as seqio/remote, and a lopsided pair as seqio/chain.
func TestRemoteWithChain(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), chained(t), "remotechain")
}

func TestVerbs(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), chained(t), "verbs")
	analysistest.Run(t, analysistest.TestData(), withFlag(t, "writes", "fetch"), "verbsoff")
}

func TestTestFiles(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), chained(t), "tests")
	analysistest.Run(t, analysistest.TestData(), withFlag(t, "tests", "true"), "teststoo")
}

// TestNoSSAOnDependencies: seqio exports no facts, so drivers never run it
// on dependencies, and under go vet its facts-only stand-in does not build
// SSA for them either.
func TestNoSSAOnDependencies(t *testing.T) {
	if len(seqio.Analyzer.FactTypes) > 0 {
		t.Fatal("seqio exports facts: it would run on every dependency")
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "dep.cfg")
	if err := os.WriteFile(cfg, []byte(`{"ImportPath": "dep", "VetxOnly": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	suite, changed := driver.ForFactsOnly([]*analysis.Analyzer{seqio.Analyzer}, []string{cfg})
	if !changed {
		t.Fatal("a VetxOnly config left seqio as it was")
	}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if a == buildssa.Analyzer {
			t.Errorf("the facts-only stand-in of seqio requires buildssa")
		}
		for _, req := range a.Requires {
			visit(req)
		}
	}
	visit(suite[0])
}
