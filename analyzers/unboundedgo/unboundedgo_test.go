package unboundedgo_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/unboundedgo"
)

// withData returns the analyzer with -unboundedgo.data: most testdata is
// fed by a remote listing (svc.IDs()), which only that option counts.
func withData() unboundedgo.Options {
	opts := unboundedgo.DefaultOptions()
	opts.Data = true
	return opts
}

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unboundedgo.New(withData()), "a", "wg")
}

// TestDefault runs the default options: a request body and a queue are
// reported, the rows of a query beside them are not.
func TestDefault(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unboundedgo.Analyzer, "dataoff")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unboundedgo.New(withData()), "b", "c", "d")
}

func TestFixLimitFlag(t *testing.T) {
	opts := withData()
	opts.Limit = "16"
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unboundedgo.New(opts), "e")
}

func TestTestsOption(t *testing.T) {
	opts := withData()
	opts.Tests = true
	analysistest.Run(t, analysistest.TestData(), unboundedgo.New(opts), "testfiles")
}
