package golangciplugin

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/docgen"
	"github.com/conclint/conclint/internal/rule"
)

// configFile is the repository file that pluginConfig generates.
const configFile = "../.golangci-plugin.yml"

// pluginConfig renders a complete golangci-lint v2 configuration that
// enables every analyzer of suite, each setting at its default, with the
// flag's usage as a comment, and its rules listed for //nolint:RULE.
func pluginConfig(suite []*analysis.Analyzer, rules rule.Index) []byte {
	var b strings.Builder
	b.WriteString(`# golangci-lint v2 configuration enabling every conclint linter.
# Generated from conclint.Suite by "go test ./golangci -run TestPluginConfig -update";
# do not edit. Copy what you need into your .golangci.yml.
#
# These linters exist only in a golangci-lint built with conclint linked in
# ("golangci-lint custom" reads .custom-gcl.yml; offline: go run ./internal/cmd/buildgcl).
# A stock golangci-lint stops with: plugin "<name>" not found.
# They need type information, so --fast-only skips them.
version: "2"

linters:
  # Only conclint here; set "standard" to keep golangci-lint's default linters too.
  default: none
  enable:
`)
	for _, a := range suite {
		fmt.Fprintf(&b, "    - %s\n", a.Name)
	}
	b.WriteString("  settings:\n    custom:\n")
	for _, a := range suite {
		fmt.Fprintf(&b, "      # %s: %s\n", a.Name, docgen.Title(a))
		for _, r := range rules[a.Name] {
			fmt.Fprintf(&b, "      #   %s: %s\n", r.ID, r.Title)
		}
		fmt.Fprintf(&b, "      %s:\n", a.Name)
		b.WriteString("        type: module\n")
		fmt.Fprintf(&b, "        description: %s\n", strconv.Quote(docgen.Title(a)))
		if a.URL != "" {
			fmt.Fprintf(&b, "        original-url: %s\n", a.URL)
		}
		n := 0
		a.Flags.VisitAll(func(f *flag.Flag) {
			if n == 0 {
				b.WriteString("        settings:\n")
			}
			n++
			fmt.Fprintf(&b, "          # %s\n", f.Usage)
			fmt.Fprintf(&b, "          %s: %s\n", f.Name, yamlDefault(f))
		})
		if n == 0 {
			b.WriteString("        # no settings\n")
		}
	}
	b.WriteString(`
issues:
  # Show every finding, not only the first few per linter and per message.
  max-issues-per-linter: 0
  max-same-issues: 0
`)
	return []byte(b.String())
}

// yamlDefault renders a flag's default as a YAML value of the flag's
// type; a string flag whose usage says "comma-separated" is a list.
func yamlDefault(f *flag.Flag) string {
	var typed any
	if g, ok := f.Value.(flag.Getter); ok {
		typed = g.Get()
	}
	switch typed.(type) {
	case bool, int, int64, uint, uint64, float64:
		return f.DefValue
	case string:
		if strings.Contains(strings.ToLower(f.Usage), "comma-separated") {
			var items []string
			for item := range strings.SplitSeq(f.DefValue, ",") {
				if item = strings.TrimSpace(item); item != "" {
					items = append(items, strconv.Quote(item))
				}
			}
			return "[" + strings.Join(items, ", ") + "]"
		}
	}
	return strconv.Quote(f.DefValue)
}
