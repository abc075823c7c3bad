package seqio_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/seqio"
)

func TestSeqio(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), seqio.Analyzer, "a")
}
