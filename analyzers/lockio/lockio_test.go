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
	opts := lockio.DefaultOptions()
	opts.IO, opts.Send = true, true
	analysistest.Run(t, analysistest.TestData(), lockio.New(opts), "a")
}

func TestTestsOption(t *testing.T) {
	opts := lockio.DefaultOptions()
	opts.Tests = true
	analysistest.Run(t, analysistest.TestData(), lockio.New(opts), "testfiles")
}
