package blocking_test

import (
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/blocking"
)

func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), blocking.Analyzer, "f", "cost", "pager", "passed")
}

// TestInfoHasNoLocks checks that Info carries no lock or once: its tables
// are built during run, so the rule analyzers read it at once unguarded.
func TestInfoHasNoLocks(t *testing.T) {
	for f := range reflect.TypeFor[blocking.Info]().Fields() {
		if f.Type.PkgPath() == "sync" {
			t.Errorf("blocking.Info.%s is a %s: build the table during run instead", f.Name, f.Type)
		}
	}
}
