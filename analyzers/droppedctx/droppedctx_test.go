package droppedctx_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/droppedctx"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), droppedctx.Analyzer, "a", "b", "c", "tests", "directives", "grpcsvc", "dns", "values", "joined", "reqctx", "instant", "fixed", "watch", "stored", "captured", "bound", "shutdown", "design/web", "cancelctx", "cleanup", "processesoff", "closer", "logshape", "callerwork", "hijack", "stream")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), droppedctx.Analyzer, "a", "dns", "captured")
}

// TestGo120 checks that advice needing Go 1.21 is left out of older files.
func TestGo120(t *testing.T) {
	analysistest.Run(t, filepath.Join(analysistest.TestData(), "go120"), droppedctx.Analyzer, ".")
}

// TestModules checks that drop facts stay inside their module, and that
// a dependency (a module required at a version) is not analysed.
func TestModules(t *testing.T) {
	analysistest.Run(t, filepath.Join(analysistest.TestData(), "modules"), droppedctx.Analyzer, "./...", "example.com/lib")
}

func TestTestsOption(t *testing.T) {
	opts := droppedctx.DefaultOptions()
	opts.Tests = true
	analysistest.Run(t, analysistest.TestData(), droppedctx.New(opts), "testfiles")
}

func TestProcessesOption(t *testing.T) {
	opts := droppedctx.DefaultOptions()
	opts.Processes = true
	analysistest.Run(t, analysistest.TestData(), droppedctx.New(opts), "processes")
}

// TestLoggingOption checks that log calls, known by their package or by
// their shape, are reported once logging is on.
func TestLoggingOption(t *testing.T) {
	opts := droppedctx.DefaultOptions()
	opts.Logging = true
	analysistest.Run(t, analysistest.TestData(), droppedctx.New(opts), "logshapeon")
}
