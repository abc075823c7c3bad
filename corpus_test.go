//go:build corpus

package conclint_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/conclint/conclint/internal/harness"
)

// TestSuiteOnStd runs every analyzer, with every boolean option on, on the
// whole standard library and its tests, and fails on any panic or internal
// error, naming the analyzer, the package and the stack. It loads std from
// source in one process (about 4 GB):
//
//	go test -tags corpus -run TestSuiteOnStd -timeout 30m .
func TestSuiteOnStd(t *testing.T) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: true}
	pkgs, err := packages.Load(cfg, "std")
	if err != nil {
		t.Fatal(err)
	}
	res, err := harness.Analyze(harness.Guard(boolOptionsOn()), pkgs...)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Panics {
		t.Error(p)
	}
	for _, err := range res.Errors {
		if strings.Contains(err.Error(), "internal error") {
			t.Error(err)
		}
	}
	n := 0
	for name, diags := range res.Diagnostics {
		t.Logf("%s: %d diagnostics", name, len(diags))
		n += len(diags)
	}
	t.Logf("%d packages (with test variants), %d diagnostics, %d other errors", len(pkgs), n, len(res.Errors))
}
