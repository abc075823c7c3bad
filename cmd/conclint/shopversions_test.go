package main_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint"
)

// naiveShop is the package whose findings examples/loadtest measures;
// examples/shop/fixed is the same service fixed, and it and the load
// harness must stay silent.
const naiveShop = "github.com/conclint/conclint/examples/shop"

// shopFindings are, per analyzer, the files of examples/shop that must keep
// its deliberate finding, the one a scenario of examples/loadtest measures.
// An analyzer that conclint.Suite does not (yet) hold is not expected.
var shopFindings = map[string][]string{
	"droppedctx":     {"handlers.go", "store.go"},
	"handlerblock":   {"stockcache.go"},
	"lockio":         {"stockcache.go"},
	"unboundedgo":    {"reprice.go"},
	"poolperrequest": {"inventory.go"},
	"notimeout":      {"inventory.go", "shop.go"},
	"seqio":          {"product.go"},
}

// TestShopVersions: conclint reports each family on the naive shop, where
// the load harness expects it, and nothing on the fixed shop or the
// harness. It fails when either version drifts from what the load test
// claims to measure.
func TestShopVersions(t *testing.T) {
	r := examplesJSON()
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	// {"pkg": {"analyzer": [{"posn": …, "message": …}]}}
	var tree map[string]map[string][]diagnostic
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatalf("parsing -json output: %v\n%s", err, r.stdout)
	}
	for pkg, byAnalyzer := range tree {
		if pkg == naiveShop {
			continue
		}
		for name, diags := range byAnalyzer {
			for _, d := range diags {
				t.Errorf("%s reports on %s, which must stay silent: %s: %s", name, pkg, d.Posn, d.Message)
			}
		}
	}
	for name, files := range shopFindings {
		if !slices.ContainsFunc(conclint.Suite, func(a *analysis.Analyzer) bool { return a.Name == name }) {
			t.Logf("%s is not in conclint.Suite: its finding in %v is not expected yet", name, files)
			continue
		}
		for _, file := range files {
			found := slices.ContainsFunc(tree[naiveShop][name], func(d diagnostic) bool {
				return strings.HasPrefix(filepath.Base(d.Posn), file+":")
			})
			if !found {
				t.Errorf("%s reports nothing in examples/shop/%s, where the load test's scenario needs it (got %v)", name, file, tree[naiveShop][name])
			}
		}
	}
}
