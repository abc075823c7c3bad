package lockio_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/lockio"
)

func TestDefaults(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lockio.Analyzer, "defaults")
}

func TestAllRules(t *testing.T) {
	setFlag(t, "io", "true")
	setFlag(t, "send", "true")
	analysistest.Run(t, analysistest.TestData(), lockio.Analyzer, "a")
}

func setFlag(t *testing.T, name, value string) {
	t.Helper()
	old := lockio.Analyzer.Flags.Lookup(name).Value.String()
	if err := lockio.Analyzer.Flags.Set(name, value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lockio.Analyzer.Flags.Set(name, old) })
}
