package droppedctx_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/droppedctx"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), droppedctx.Analyzer, "a", "b", "c", "tests", "directives")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), droppedctx.Analyzer, "a")
}
