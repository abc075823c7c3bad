package settings

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestApply(t *testing.T) {
	a := &analysis.Analyzer{Name: "demo"}
	logging := a.Flags.Bool("logging", false, "")
	limit := a.Flags.Int("limit", 0, "")
	names := a.Flags.String("names", "", "comma-separated")
	// Keys as golangci-lint delivers them (lowercased), values as YAML or
	// JSON decode them.
	if err := Apply(a, map[string]any{"logging": true, "limit": 3, "names": []any{"a", "b"}}); err != nil {
		t.Fatal(err)
	}
	if !*logging || *limit != 3 || *names != "a,b" {
		t.Errorf("got logging=%v limit=%d names=%q", *logging, *limit, *names)
	}
	if err := Apply(a, map[string]any{"limit": float64(4)}); err != nil || *limit != 4 {
		t.Errorf("a JSON number: %v, limit %d", err, *limit)
	}
	for want, settings := range map[string]map[string]any{
		`conclint demo: unknown setting "loging" (known settings: limit, logging, names)`: {"loging": true},
		`conclint demo: setting "names": want a value or a list, not a map`:               {"names": map[string]any{"x": 1}},
		`conclint demo: setting "limit": parse error`:                                     {"limit": "many"},
	} {
		if err := Apply(a, settings); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%v: got %v, want %s", settings, err, want)
		}
	}
}
