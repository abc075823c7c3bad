package golangciplugin

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint"
)

var update = flag.Bool("update", false, "rewrite ../.golangci-plugin.yml")

func TestEveryAnalyzerIsItsOwnLinter(t *testing.T) {
	for _, a := range conclint.Suite {
		newPlugin, err := register.GetPlugin(a.Name)
		if err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		p, err := newPlugin(nil)
		if err != nil {
			t.Fatalf("%s with no settings: %v", a.Name, err)
		}
		if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
			t.Errorf("%s: load mode %q, want %q", a.Name, got, register.LoadModeTypesInfo)
		}
		as, err := p.BuildAnalyzers()
		if err != nil || len(as) != 1 || as[0].Name != a.Name || as[0] == a {
			t.Errorf("%s: BuildAnalyzers() = %v, %v; want just a new %s analyzer", a.Name, as, err, a.Name)
		}
	}
}

// TestSettingsSetFlags sets every flag of every analyzer from settings
// keyed as golangci-lint delivers them (lowercased), to its default value
// rendered as YAML would decode it.
func TestSettingsSetFlags(t *testing.T) {
	for _, a := range conclint.Suite {
		settings := map[string]any{}
		a.Flags.VisitAll(func(f *flag.Flag) { settings[strings.ToLower(f.Name)] = decoded(f) })
		newPlugin, _ := register.GetPlugin(a.Name)
		if _, err := newPlugin(settings); err != nil {
			t.Errorf("%s: settings %v: %v", a.Name, settings, err)
		}
	}
}

// decoded returns a flag's default as it arrives from YAML: a bool for a
// bool flag, a float64 for a number, a list for a comma-separated list.
func decoded(f *flag.Flag) any {
	switch v := yamlDefault(f); {
	case v == "true" || v == "false":
		return v == "true"
	case strings.HasPrefix(v, "["):
		var list []any
		for item := range strings.SplitSeq(f.DefValue, ",") {
			if item != "" {
				list = append(list, item)
			}
		}
		return list
	default:
		return f.DefValue
	}
}

// TestSettingsPerInstance builds lockio twice with different settings:
// each instance has its own options, and conclint.Suite keeps its defaults.
func TestSettingsPerInstance(t *testing.T) {
	newPlugin, _ := register.GetPlugin("lockio")
	io, err := newPlugin(map[string]any{"io": true})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	ioAs, _ := io.BuildAnalyzers()
	plainAs, _ := plain.BuildAnalyzers()
	if got := ioAs[0].Flags.Lookup("io").Value.String(); got != "true" {
		t.Errorf("lockio with io: true has io=%s", got)
	}
	if got := plainAs[0].Flags.Lookup("io").Value.String(); got != "false" {
		t.Errorf("lockio without settings has io=%s", got)
	}
	for _, a := range conclint.Suite {
		a.Flags.VisitAll(func(f *flag.Flag) {
			if f.Value.String() != f.DefValue {
				t.Errorf("conclint.Suite's %s.%s = %s, not its default", a.Name, f.Name, f.Value)
			}
		})
	}
}

func TestSettingChangesFlag(t *testing.T) {
	a := testAnalyzer()
	p := newPlugin(func() *analysis.Analyzer { return a })
	if _, err := p(map[string]any{"verbose": true, "max": 3.0, "funcs": []any{"a.B", "c.D"}, "mode": "strict"}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"verbose": "true", "max": "3", "funcs": "a.B,c.D", "mode": "strict"} {
		if got := a.Flags.Lookup(name).Value.String(); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	// golangci-lint lowercases keys: a camel-case flag is still found.
	if _, err := p(map[string]any{"maxdepth": 7.0}); err != nil {
		t.Fatal(err)
	}
	if got := a.Flags.Lookup("maxDepth").Value.String(); got != "7" {
		t.Errorf("maxDepth = %q, want 7", got)
	}
}

func TestBadSettings(t *testing.T) {
	p := newPlugin(testAnalyzer)
	for _, tc := range []struct {
		settings any
		want     []string
	}{
		{map[string]any{"nope": true}, []string{"conclint toy", `unknown setting "nope"`, "verbose"}},
		{map[string]any{"max": "many"}, []string{"conclint toy", `setting "max"`}},
		{map[string]any{"funcs": map[string]any{"a": "b"}}, []string{`setting "funcs"`, "not a map"}},
		{[]any{"not", "a", "map"}, []string{"conclint toy", "decoding settings"}},
	} {
		_, err := p(tc.settings)
		if err == nil {
			t.Errorf("%v: no error", tc.settings)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%v: error %q does not mention %q", tc.settings, err, w)
			}
		}
	}
}

func testAnalyzer() *analysis.Analyzer {
	a := &analysis.Analyzer{Name: "toy", Doc: "toy: do nothing"}
	a.Flags.Bool("verbose", false, "")
	a.Flags.Int("max", 1, "")
	a.Flags.Int("maxDepth", 1, "")
	a.Flags.String("funcs", "", "comma-separated list of functions")
	a.Flags.String("mode", "lax", "")
	return a
}

// TestPluginConfig keeps .golangci-plugin.yml in step with the suite.
func TestPluginConfig(t *testing.T) {
	want := pluginConfig(conclint.Suite, conclint.Rules())
	if *update {
		if err := os.WriteFile(configFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(configFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale; run: go test ./golangci -run TestPluginConfig -update", configFile)
	}
	for _, a := range conclint.Suite {
		if !bytes.Contains(got, []byte("    - "+a.Name+"\n")) {
			t.Errorf("%s does not enable %s", configFile, a.Name)
		}
	}
}
