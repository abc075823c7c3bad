package blocking_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/blocking"
)

func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), blocking.Analyzer, "f", "cost")
}
