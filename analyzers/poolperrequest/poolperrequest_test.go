package poolperrequest_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/poolperrequest"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), poolperrequest.Analyzer, "a", "b", "example.com/httpx")
}

func TestExtraConstructors(t *testing.T) {
	if err := poolperrequest.Analyzer.Flags.Set("constructors", "example.com/db.Open"); err != nil {
		t.Fatal(err)
	}
	defer poolperrequest.Analyzer.Flags.Set("constructors", "")
	analysistest.Run(t, analysistest.TestData(), poolperrequest.Analyzer, "extra")
}
