// Package golangciplugin registers every conclint analyzer as its own
// golangci-lint v2 module plugin, so each can be enabled, disabled,
// configured and //nolint-ed by name:
//
//	linters:
//	  enable: [droppedctx]
//	  settings:
//	    custom:
//	      droppedctx:
//	        type: module
//	        settings:
//	          logging: true
//
// A linter's settings are its analyzer's options, under the names of its
// flags (conclint -explain NAME lists them) without the "NAME." prefix.
// Each plugin instance builds its own analyzer (conclint.New), so the
// settings never change conclint.Suite or another instance. Lists may be written as YAML
// lists or as comma-separated strings. golangci-lint lowercases every
// settings key, so flags are matched case-insensitively and no setting
// takes user data as a key.
//
// The plugins need type information (load mode "typesinfo"), so
// golangci-lint's --fast-only, often suggested for editors, skips them.
//
// Build a golangci-lint that includes this package with
// golangci-lint custom (.custom-gcl.yml) or, offline, with
// go run ./internal/cmd/buildgcl.
package golangciplugin

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint"
)

func init() {
	for _, a := range conclint.Suite {
		register.Plugin(a.Name, newPlugin(func() *analysis.Analyzer { return conclint.New(a.Name) }))
	}
}

// plugin is one conclint analyzer seen as a golangci-lint linter.
type plugin struct{ analyzer *analysis.Analyzer }

func (p plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.analyzer}, nil
}

func (plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// newPlugin returns the plugin constructor of the analyzer that build
// returns at its default options.
func newPlugin(build func() *analysis.Analyzer) register.NewPlugin {
	return func(raw any) (register.LinterPlugin, error) {
		a := build()
		settings, err := register.DecodeSettings[map[string]any](raw)
		if err != nil {
			return nil, fmt.Errorf("conclint %s: decoding settings: %w", a.Name, err)
		}
		if err := apply(a, settings); err != nil {
			return nil, err
		}
		return plugin{analyzer: a}, nil
	}
}

// apply sets a's options, through its flags, from golangci-lint settings, in key order so that
// errors are deterministic.
func apply(a *analysis.Analyzer, settings map[string]any) error {
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		f := lookup(a, key)
		if f == nil {
			return fmt.Errorf("conclint %s: unknown setting %q (known settings: %s)", a.Name, key, known(a))
		}
		value, err := flagValue(settings[key])
		if err != nil {
			return fmt.Errorf("conclint %s: setting %q: %v", a.Name, key, err)
		}
		if err := f.Value.Set(value); err != nil {
			return fmt.Errorf("conclint %s: setting %q: %v", a.Name, key, err)
		}
	}
	return nil
}

// lookup finds the flag named key, ignoring case since golangci-lint's
// config loader lowercases keys.
func lookup(a *analysis.Analyzer, key string) *flag.Flag {
	if f := a.Flags.Lookup(key); f != nil {
		return f
	}
	var found *flag.Flag
	a.Flags.VisitAll(func(f *flag.Flag) {
		if strings.EqualFold(f.Name, key) {
			found = f
		}
	})
	return found
}

func known(a *analysis.Analyzer) string {
	var names []string
	a.Flags.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// flagValue renders a decoded YAML/JSON value as a flag's string form:
// a list becomes comma-separated, since list flags take that form.
func flagValue(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case []any:
		parts := make([]string, len(v))
		for i, elem := range v {
			s, err := scalar(elem)
			if err != nil {
				return "", fmt.Errorf("list element %d: %v", i, err)
			}
			parts[i] = s
		}
		return strings.Join(parts, ","), nil
	default:
		return scalar(v)
	}
}

func scalar(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case map[string]any:
		return "", fmt.Errorf("want a value or a list, not a map (golangci-lint lowercases map keys)")
	default:
		return "", fmt.Errorf("unsupported value %v (%T)", v, v)
	}
}
