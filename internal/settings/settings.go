// Package settings maps an analyzer's settings, as a configuration file
// holds them (YAML or JSON decoded into Go values), to the analyzer's
// flags. The golangci-lint plugin and conclint's .conclint.yml both read
// settings through it, so a setting has one name everywhere: the flag's
// name without the "NAME." prefix, matched case-insensitively (golangci-lint
// lowercases keys).
package settings

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Apply sets a's flags from settings, in key order so that errors are
// deterministic.
func Apply(a *analysis.Analyzer, settings map[string]any) error {
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		f, value, err := Resolve(a, key, settings[key])
		if err != nil {
			return fmt.Errorf("conclint %s: %v", a.Name, err)
		}
		if err := f.Value.Set(value); err != nil {
			return fmt.Errorf("conclint %s: setting %q: %v", a.Name, key, err)
		}
	}
	return nil
}

// Resolve returns the flag that setting key of a sets and the value in
// the flag's string form, checked by a throwaway parse where the flag
// allows it. It does not set the flag.
func Resolve(a *analysis.Analyzer, key string, v any) (*flag.Flag, string, error) {
	f := Lookup(a, key)
	if f == nil {
		return nil, "", fmt.Errorf("unknown setting %q (known settings: %s)", key, Known(a))
	}
	value, err := flagValue(v)
	if err != nil {
		return nil, "", fmt.Errorf("setting %q: %v", key, err)
	}
	return f, value, nil
}

// Lookup finds the flag named key, ignoring case.
func Lookup(a *analysis.Analyzer, key string) *flag.Flag {
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

// Known lists a's settings, or "none".
func Known(a *analysis.Analyzer) string {
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
	case int:
		return strconv.Itoa(v), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case map[string]any:
		return "", fmt.Errorf("want a value or a list, not a map (golangci-lint lowercases map keys)")
	default:
		return "", fmt.Errorf("unsupported value %v (%T)", v, v)
	}
}
