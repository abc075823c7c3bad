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
	opts := poolperrequest.DefaultOptions()
	opts.Constructors = "example.com/db.Open"
	analysistest.Run(t, analysistest.TestData(), poolperrequest.New(opts), "extra")
}

func TestTestsOption(t *testing.T) {
	opts := poolperrequest.DefaultOptions()
	opts.Tests = true
	analysistest.Run(t, analysistest.TestData(), poolperrequest.New(opts), "testfiles")
}
