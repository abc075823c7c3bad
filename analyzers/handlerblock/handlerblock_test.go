package handlerblock_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/handlerblock"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), handlerblock.Analyzer, "a", "tests", "devtest")
}
