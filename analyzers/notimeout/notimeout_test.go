package notimeout_test

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/notimeout"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), notimeout.Analyzer, "a", "b", "rb", "dl", "example.com/examples/hook", "example.com/cmd/hook", "example.com/cmd/dev/watch", "gosec", "lib", "clihost", "example.com/internal/awsx")
}

// TestDefiningPackage runs on net/http itself: its zero-timeout helpers
// (ListenAndServe builds a bare Server) are the API, reported at callers.
// Only diagnostics count: std's comments hold stray "want" words.
func TestDefiningPackage(t *testing.T) {
	analysistest.Run(diagnosticsOnly{t}, analysistest.TestData(), notimeout.Analyzer, "net/http")
}

type diagnosticsOnly struct{ t *testing.T }

func (d diagnosticsOnly) Errorf(format string, args ...any) {
	if msg := fmt.Sprintf(format, args...); strings.Contains(msg, "unexpected diagnostic") {
		d.t.Error(msg)
	}
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), notimeout.Analyzer, "a", "b")
}

func TestStrict(t *testing.T) {
	opts := notimeout.DefaultOptions()
	opts.Strict = true
	analysistest.Run(t, analysistest.TestData(), notimeout.New(opts), "strict")
}

func TestRequestBound(t *testing.T) {
	opts := notimeout.DefaultOptions()
	opts.RequestBound = false
	analysistest.Run(t, analysistest.TestData(), notimeout.New(opts), "rboff")
}

func TestTestsOption(t *testing.T) {
	opts := notimeout.DefaultOptions()
	opts.Tests = true
	analysistest.Run(t, analysistest.TestData(), notimeout.New(opts), "testfiles")
}
