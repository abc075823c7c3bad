package blocking_test

import (
	"go/ast"
	"go/types"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/blocking"
)

// shown is a function's fact as its package's table holds it, as an
// object fact, so that testdata states each function's fact beside it
// (// want Name:"...") where the analyzer exports one table per package.
type shown struct{ S string }

func (*shown) AFact()           {}
func (s *shown) String() string { return s.S }

// exported is a pair of a function's fact and the same read back from
// its package's table.
type exported struct{ computed, decoded *blocking.Fact }

var showFacts = &analysis.Analyzer{
	Name:       "showfacts",
	Doc:        "export each function's fact from blocking's table as an object fact",
	Requires:   []*analysis.Analyzer{blocking.Analyzer},
	FactTypes:  []analysis.Fact{new(shown)},
	ResultType: reflect.TypeFor[[]exported](),
	Run: func(pass *analysis.Pass) (any, error) {
		in := pass.ResultOf[blocking.Analyzer].(*blocking.Info)
		var pairs []exported
		for _, file := range pass.Files {
			for _, decl := range file.Decls {
				decl, ok := decl.(*ast.FuncDecl)
				if !ok {
					continue
				}
				fn := pass.TypesInfo.Defs[decl.Name].(*types.Func)
				if f := blocking.ExportedFact(in, fn); f != nil {
					pass.ExportObjectFact(fn, &shown{f.String()})
					pairs = append(pairs, exported{in.FactOf(fn), f})
				}
			}
		}
		return pairs, nil
	},
}

// TestFacts checks the facts each testdata package exports (through its
// table) and, in passed and pager, the facts of another package's
// functions (through its table, imported).
func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), showFacts, "f", "cost", "pager", "passed")
}

// TestFactRoundTripAnalyzed checks that the facts the analyzer computes
// on its test package read back from its table equal, field by field.
func TestFactRoundTripAnalyzed(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), showFacts, "f")
	n := 0
	for _, r := range results {
		for _, p := range r.Result.([]exported) {
			n++
			if !reflect.DeepEqual(p.computed, p.decoded) {
				t.Errorf("fact read back from the table\n\t%#v\nwant\n\t%#v", p.decoded, p.computed)
			}
		}
	}
	if n < 10 {
		t.Fatalf("%d facts exported on testdata f, want 10 or more", n)
	}
}

// TestInfoHasNoLocks checks that Info carries no lock or once: its tables
// are built during run, so the rule analyzers read it at once unguarded.
func TestInfoHasNoLocks(t *testing.T) {
	for f := range reflect.TypeFor[blocking.Info]().Fields() {
		if f.Type.PkgPath() == "sync" {
			t.Errorf("blocking.Info.%s is a %s: build the table during run instead", f.Name, f.Type)
		}
	}
}
