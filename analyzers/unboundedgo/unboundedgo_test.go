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
	setFlag(t, "limit", "16")
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unboundedgo.Analyzer, "e")
}

func setFlag(t *testing.T, name, value string) {
	f := unboundedgo.Analyzer.Flags.Lookup(name)
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Value.Set(old) })
}
