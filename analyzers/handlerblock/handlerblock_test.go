package handlerblock_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/handlerblock"
)

func TestDefaults(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), handlerblock.Analyzer, "defaults", "examples/demo")
}

func TestWaits(t *testing.T) {
	setFlag(t, "waits", "true")
	analysistest.Run(t, analysistest.TestData(), handlerblock.Analyzer, "a", "tests", "devtest")
}

func setFlag(t *testing.T, name, value string) {
	t.Helper()
	old := handlerblock.Analyzer.Flags.Lookup(name).Value.String()
	if err := handlerblock.Analyzer.Flags.Set(name, value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { handlerblock.Analyzer.Flags.Set(name, old) })
}
