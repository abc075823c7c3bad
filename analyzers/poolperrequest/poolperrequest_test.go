package poolperrequest_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/poolperrequest"
)

func Test(t *testing.T) {
	opts := poolperrequest.DefaultOptions()
	opts.Call = true
	analysistest.Run(t, analysistest.TestData(), poolperrequest.New(opts), "a", "b", "example.com/httpx")
}

// TestDefaults checks that pools built per call of a function are left
// alone unless -poolperrequest.call is set.
func TestDefaults(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), poolperrequest.Analyzer, "percall")
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
