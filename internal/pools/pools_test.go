package pools_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/blocking"
)

// TestMakers checks the MakesPool facts that the blocking analyzer
// exports for every package, across packages too.
func TestMakers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), blocking.Analyzer, "example.com/httpx", "example.com/api")
}
