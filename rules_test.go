package conclint_test

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/harness"
	"github.com/conclint/conclint/internal/rule"
)

// TestRulesDocumented checks each analyzer's rules: well-formed, with
// options that are the analyzer's flags.
func TestRulesDocumented(t *testing.T) {
	rules := conclint.Rules()
	for _, a := range conclint.Suite {
		var options []string
		a.Flags.VisitAll(func(f *flag.Flag) { options = append(options, f.Name) })
		if len(rules[a.Name]) < 2 {
			t.Errorf("%s: no rules besides %s", a.Name, rule.Directive(a.Name).ID)
		}
		if err := rule.Check(a.Name, rules[a.Name], options); err != nil {
			t.Errorf("%s: %v", a.Name, err)
		}
	}
}

// TestEveryDiagnosticHasARule runs the suite on the analyzers' testdata
// and checks that every diagnostic carries a rule ID of its analyzer.
func TestEveryDiagnosticHasARule(t *testing.T) {
	rules := conclint.Rules()
	roots, seeds := testdataSources(t)
	fset := token.NewFileSet()
	imp := harness.NewSourceImporter(fset, roots...)
	suite := harness.Guard(conclint.Suite)
	seen := make(map[string]int)
	for _, path := range seeds {
		file, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		pkg := harness.Check(fset, "rules/"+file.Name.Name, []*ast.File{file}, imp)
		if pkg.IllTyped {
			continue
		}
		res, err := harness.Analyze(suite, pkg)
		if err != nil {
			t.Fatal(err)
		}
		for a, diags := range res.Diagnostics {
			for _, d := range diags {
				if r, ok := rules.Lookup(d.Category); !ok || r.Analyzer() != a {
					t.Errorf("%s: %s diagnostic %q has rule %q, not one of the analyzer's", fset.Position(d.Pos), a, d.Message, d.Category)
				}
				seen[d.Category]++
			}
		}
	}
	if len(seen) < 10 {
		t.Errorf("only %d rules reported on the testdata: %v", len(seen), seen)
	}
}
