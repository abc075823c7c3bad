// Package driver is the conclint command line. It keeps multichecker's
// flags, output and exit codes for plain text, -json, -fix, -diff and go
// vet / go fix (a single .cfg argument), and adds two flags of its own:
//
//	-format=text|sarif|github   how to print findings
//	-explain=NAME               print an analyzer's documentation
//
// Both are taken off the command line before multichecker sees it, so
// they never reach go vet's flag forwarding (-flags) or unitchecker.
//
// Package patterns are analysed through go vet, and -fix through go fix
// (see internal/vetdriver), which keeps memory per package and reuses the
// build cache; the flags only multichecker has (-diff, -test=false,
// profiles, -debug) and CONCLINT_DRIVER=standalone analyse in this process
// instead.
package driver

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/conclint/conclint/internal/vetdriver"
)

// Main runs conclint with the given analyzers and exits.
func Main(suite []*analysis.Analyzer) {
	own, rest, err := splitOwnFlags(os.Args[1:], valueFlags(suite))
	if err != nil {
		fmt.Fprintf(os.Stderr, "conclint: %v\n", err)
		os.Exit(2)
	}
	switch {
	case own.explain != "":
		os.Exit(Explain(os.Stdout, os.Stderr, suite, own.explain))
	case own.format == "" || own.format == "text":
		if wantsHelp(rest) {
			fmt.Fprint(os.Stderr, ownUsage)
		}
		if tool, ok := vetTool(); ok {
			if plan, ok := vetdriver.Parse(rest, suite); ok {
				os.Exit(runText(os.Stdout, os.Stderr, tool, plan, suite))
			}
		}
		os.Args = append([]string{os.Args[0]}, rest...)
		factsSuite, _ := ForFactsOnly(suite, rest)
		multichecker.Main(factsSuite...)
	default:
		os.Exit(RunFormat(os.Stdout, os.Stderr, suite, own.format, rest))
	}
}

const ownUsage = `conclint-specific flags:
  -format=text|sarif|github   print findings as text (default), SARIF 2.1.0
                              or GitHub Actions annotations
  -explain=NAME               print the documentation of analyzer NAME

`

// ownFlags are the flags conclint adds to multichecker's.
type ownFlags struct {
	format  string
	explain string
}

// valueFlags returns the names of the non-boolean flags multichecker
// accepts, whose value may be the next argument ("-c 3").
func valueFlags(suite []*analysis.Analyzer) map[string]bool {
	names := map[string]bool{"c": true, "debug": true, "cpuprofile": true, "memprofile": true, "trace": true}
	for _, a := range suite {
		a.Flags.VisitAll(func(f *flag.Flag) {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
				names[a.Name+"."+f.Name] = true
			}
		})
	}
	return names
}

// splitOwnFlags removes -format and -explain (with = or a separate value,
// one or two dashes) from the flags before the first package pattern.
// valueFlags names the other flags that take a separate value.
func splitOwnFlags(args []string, valueFlags map[string]bool) (own ownFlags, rest []string, err error) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" || !strings.HasPrefix(arg, "-") {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		var dst *string
		switch name {
		case "format":
			dst = &own.format
		case "explain":
			dst = &own.explain
		default:
			rest = append(rest, arg)
			if !hasValue && valueFlags[name] && i+1 < len(args) {
				i++
				rest = append(rest, args[i])
			}
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				return own, nil, fmt.Errorf("flag -%s needs a value", name)
			}
			i++
			value = args[i]
		}
		*dst = value
	}
	if own.format != "" && !isFormat(own.format) {
		return own, nil, fmt.Errorf("unknown -format %q (want text, sarif or github)", own.format)
	}
	return own, rest, nil
}

func isFormat(s string) bool { return s == "text" || s == "sarif" || s == "github" }

func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help", "help":
			return true
		}
	}
	return len(args) == 0
}

// Explain prints the documentation of the named analyzer: its doc, its
// flags and its URL. It returns the exit code.
func Explain(stdout, stderr io.Writer, suite []*analysis.Analyzer, name string) int {
	for _, a := range suite {
		if a.Name != name {
			continue
		}
		fmt.Fprintln(stdout, strings.TrimSpace(a.Doc))
		var flags strings.Builder
		a.Flags.VisitAll(func(f *flag.Flag) {
			fmt.Fprintf(&flags, "  -%s.%s (default %q)\n    \t%s\n", a.Name, f.Name, f.DefValue, f.Usage)
		})
		if flags.Len() > 0 {
			fmt.Fprintf(stdout, "\nFlags:\n%s", flags.String())
		}
		if a.URL != "" {
			fmt.Fprintf(stdout, "\nMore: %s\n", a.URL)
		}
		return 0
	}
	names := make([]string, len(suite))
	for i, a := range suite {
		names[i] = a.Name
	}
	fmt.Fprintf(stderr, "conclint: no analyzer %q; analyzers: %s\n", name, strings.Join(names, ", "))
	return 2
}
