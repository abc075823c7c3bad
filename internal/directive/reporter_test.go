package directive_test

import (
	"go/ast"

	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/directive"
)

// probe reports every call of bad (rule probe/call) and of worse (rule
// probe/other) through a Reporter, with test files included or not.
func probe(tests bool) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "probe",
		Doc:  "report calls of bad and worse through directive.Reporter",
		Run: func(pass *analysis.Pass) (any, error) {
			r := directive.NewReporter(pass, tests)
			for _, f := range pass.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					if id, ok := call.Fun.(*ast.Ident); ok {
						switch id.Name {
						case "bad":
							r.Reportf("probe/call", call, "bad call")
						case "worse":
							r.Reportf("probe/other", call, "worse call")
						}
					}
					return true
				})
			}
			return nil, nil
		},
	}
}

// TestReporter checks suppression end to end: directives on the line and
// the line above, by analyzer, rule ID, all, or another analyzer's name
// (not suppressed); a conclint:ignore without a reason (reported, not
// applied); generated files and, unless tests are included, test files.
func TestReporter(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe(false), "d")
	analysistest.Run(t, analysistest.TestData(), probe(true), "dt")
}
