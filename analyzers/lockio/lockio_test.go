package lockio_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/lockio"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lockio.Analyzer, "a")
}
