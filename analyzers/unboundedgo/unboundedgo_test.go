package unboundedgo_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/unboundedgo"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unboundedgo.Analyzer, "a", "wg")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unboundedgo.Analyzer, "b", "c", "d")
}

func TestFixLimitFlag(t *testing.T) {
	opts := unboundedgo.DefaultOptions()
	opts.Limit = "16"
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unboundedgo.New(opts), "e")
}

func TestTestsOption(t *testing.T) {
	opts := unboundedgo.DefaultOptions()
	opts.Tests = true
	analysistest.Run(t, analysistest.TestData(), unboundedgo.New(opts), "testfiles")
}
