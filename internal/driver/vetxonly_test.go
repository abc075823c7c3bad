package driver

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
)

type fact struct{}
type otherFact struct{}
type deepFact struct{}

func (*fact) AFact()      {}
func (*otherFact) AFact() {}
func (*deepFact) AFact()  {}

func TestForFactsOnly(t *testing.T) {
	noop := func(*analysis.Pass) (any, error) { return nil, nil }
	plain := &analysis.Analyzer{Name: "plain", Doc: "d", Run: noop}
	facts := &analysis.Analyzer{Name: "facts", Doc: "d", Run: noop, FactTypes: []analysis.Fact{new(fact)}}
	reporter := &analysis.Analyzer{Name: "reporter", Doc: "d", Run: noop, Requires: []*analysis.Analyzer{plain, facts}}
	exporter := &analysis.Analyzer{Name: "exporter", Doc: "d", Run: noop, Requires: []*analysis.Analyzer{plain}, FactTypes: []analysis.Fact{new(otherFact)}}
	// An SSA-like analyzer: no facts of its own, but it requires one with
	// facts (as buildssa requires ctrlflow). Its users keep only the latter.
	deep := &analysis.Analyzer{Name: "deep", Doc: "d", Run: noop, FactTypes: []analysis.Fact{new(deepFact)}}
	builder := &analysis.Analyzer{Name: "builder", Doc: "d", Run: noop, Requires: []*analysis.Analyzer{deep}}
	ssaUser := &analysis.Analyzer{Name: "ssauser", Doc: "d", Run: noop, Requires: []*analysis.Analyzer{facts, builder}}
	suite := []*analysis.Analyzer{reporter, exporter, plain, ssaUser}

	dir := t.TempDir()
	cfg := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	root := cfg("root.cfg", `{"ImportPath": "p", "VetxOnly": false}`)
	dep := cfg("dep.cfg", `{"ImportPath": "q", "VetxOnly": true}`)

	for _, args := range [][]string{{"./..."}, {root}, {"-json", root}} {
		if got, changed := ForFactsOnly(suite, args); changed || !slices.Equal(got, suite) {
			t.Errorf("%q: suite changed", args)
		}
	}
	got, changed := ForFactsOnly(suite, []string{"-reporter.flag=1", dep})
	if !changed {
		t.Error("a VetxOnly config left the suite as it was")
	}
	if got[1] != exporter {
		t.Errorf("an analyzer with facts was replaced")
	}
	if got[0] == reporter || got[0].Name != "reporter" || !slices.Equal(got[0].Requires, []*analysis.Analyzer{facts}) {
		t.Errorf("reporter stand-in: %+v, want the name kept and only the facts requirement", got[0])
	}
	if got[2] == plain || len(got[2].Requires) != 0 {
		t.Errorf("plain stand-in: %+v", got[2])
	}
	if got[3] == ssaUser || !slices.Equal(got[3].Requires, []*analysis.Analyzer{facts, deep}) {
		t.Errorf("ssauser stand-in requires %v, want facts and deep, not builder", got[3].Requires)
	}
	if err := analysis.Validate(got); err != nil {
		t.Error(err)
	}
}
