package handlerblock_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/handlerblock"
)

func TestDefaults(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), handlerblock.Analyzer, "defaults", "examples/demo", "tests")
}

func TestWaits(t *testing.T) {
	opts := handlerblock.DefaultOptions()
	opts.Waits = true
	analysistest.Run(t, analysistest.TestData(), handlerblock.New(opts), "a", "tests", "devtest")
}

func TestTestsOption(t *testing.T) {
	opts := handlerblock.DefaultOptions()
	opts.Tests = true
	analysistest.Run(t, analysistest.TestData(), handlerblock.New(opts), "testfiles")
}
