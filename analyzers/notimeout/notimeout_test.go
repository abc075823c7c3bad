package notimeout_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/notimeout"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), notimeout.Analyzer, "a", "b")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), notimeout.Analyzer, "a", "b")
}

func TestStrict(t *testing.T) {
	if err := notimeout.Analyzer.Flags.Set("strict", "true"); err != nil {
		t.Fatal(err)
	}
	defer notimeout.Analyzer.Flags.Set("strict", "false")
	analysistest.Run(t, analysistest.TestData(), notimeout.Analyzer, "strict")
}
