// Package driver is the conclint command line. Every flag is declared
// once (flags.go); conclint help, version and -explain are answered here.
// Package patterns are analysed through go vet, and -fix through go fix
// (see internal/vetdriver), which keeps memory per package and reuses the
// build cache; -test=false too (the tool leaves the tests out, notest.go).
// Profiles, -debug and CONCLINT_DRIVER=standalone analyse in this process
// instead. When the go command runs conclint as
// its vet or fix tool (a single .cfg argument, or -flags), the command
// line goes to unitchecker unchanged.
package driver

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/conclint/conclint/internal/docgen"
	"github.com/conclint/conclint/internal/factcache"
	"github.com/conclint/conclint/internal/rule"
	"github.com/conclint/conclint/internal/twins"
)

// Main runs conclint with the given analyzers, whose rules are indexed
// in rules, and exits.
func Main(suite []*analysis.Analyzer, rules rule.Index) {
	args := os.Args[1:]
	if isToolCall(args) || os.Getenv(multicheckerEnv) == "1" {
		cfgCall := isToolCall(args) && strings.HasSuffix(args[len(args)-1], ".cfg")
		noTests := cfgCall && (testsOff(args[:len(args)-1]) || !checksTests(suite, args[:len(args)-1]))
		if noTests {
			var run bool
			if args, run = withoutTests(args); !run {
				os.Exit(0)
			}
			os.Args = append(os.Args[:1:1], args...)
		}
		if cfgCall {
			factsFromCache(args)
		}
		if noTests {
			shareWithTwin(args) // the reporting call analyses what the facts-only one does
		}
		factsSuite, factsOnly := ForFactsOnly(suite, args)
		if !factsOnly && cfgCall && !twins.InChild() {
			noteProgress()
		}
		multichecker.Main(factsSuite...)
	}
	os.Exit(Run(args, suite, rules, os.Stdout, os.Stderr))
}

// factsFromCache stores the outputs of this vet tool call's imports that
// were computed on a facts cache miss, and answers the call from the facts
// cache when it is a facts-only call (a dependency) that the cache holds
// (see internal/factcache); it then exits.
func factsFromCache(args []string) {
	cfg, err := factcache.ReadConfig(args[len(args)-1])
	if err != nil {
		return // unitchecker reports it
	}
	factcache.Adopt(cfg)
	if c := factcache.Lookup(cfg, withoutTestFlag(args[:len(args)-1])); c != nil && c.Serve() {
		os.Exit(0)
	}
}

// shareWithTwin answers the call when the go command's other call on the
// same package analyses (or analysed) the same files (see internal/twins):
// a facts-only call analyses it fully for both, a reporting call replays
// what that left. It then exits.
func shareWithTwin(args []string) {
	cfg, err := factcache.ReadConfig(args[len(args)-1])
	if err != nil {
		return // unitchecker reports it
	}
	if cfg.VetxOnly {
		if code, ok := twins.AnalyseFully(cfg, args); ok {
			os.Exit(code)
		}
	} else if code, ok := twins.Replay(cfg, args[:len(args)-1]); ok {
		noteProgress()
		os.Exit(code)
	}
}

// isToolCall reports whether the go command runs conclint as its vet or
// fix tool: on one package's vet.cfg, or asking for the flags it accepts.
// Those calls go to unitchecker (through multichecker) unchanged.
func isToolCall(args []string) bool {
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") ||
		len(args) == 1 && strings.TrimLeft(args[0], "-") == "flags"
}

// Run runs the conclint command line args and returns the exit code.
func Run(args []string, suite []*analysis.Analyzer, rules rule.Index, stdout, stderr io.Writer) int {
	o, err := parseArgs(args, suite)
	if err != nil {
		fmt.Fprintf(stderr, "conclint: %v\nrun 'conclint help' for usage\n", err)
		return 2
	}
	// help and version are commands wherever they come, even after flags
	// (go vet -vettool=conclint help reaches us as such a command line).
	if len(o.patterns) > 0 {
		switch o.patterns[0] {
		case "help":
			if len(o.patterns) > 1 {
				return Explain(stdout, stderr, suite, rules, o.patterns[1])
			}
			usage(stdout, suite)
			return 0
		case "version":
			return printVersion(stdout, false)
		}
	}
	switch {
	case o.help:
		usage(stdout, suite)
		return 0
	case o.version != "":
		return printVersion(stdout, o.version == "full")
	case o.explain != "":
		return Explain(stdout, stderr, suite, rules, o.explain)
	case len(o.patterns) == 0:
		fmt.Fprintf(stderr, "conclint: no package patterns (try ./...)\nrun 'conclint help' for usage\n")
		return 2
	}
	if err := o.loadConfig(suite); err != nil {
		fmt.Fprintf(stderr, "conclint: %v\n", err)
		return 2
	}
	if err := o.loadNewOnly(); err != nil {
		fmt.Fprintf(stderr, "conclint: %v\n", err)
		if _, ok := err.(errUsage); ok {
			fmt.Fprintln(stderr, "run 'conclint help' for usage")
		}
		return 2
	}
	switch {
	case o.inProcessOnly != "":
		// Profiles and -debug are multichecker's, for conclint's developers.
		os.Args = append([]string{os.Args[0]}, args...)
		multichecker.Main(suite...)
	}
	if o.fix {
		return runFix(o, suite, stdout, stderr)
	}
	o.rules = rules
	return runAnalysis(o, suite, stdout, stderr)
}

// Explain prints the documentation of the named analyzer (its doc, its
// rules, its flags and its URL) or of the rule with that ID. It returns
// the exit code.
func Explain(stdout, stderr io.Writer, suite []*analysis.Analyzer, rules rule.Index, name string) int {
	for _, a := range suite {
		if r, ok := rules.Lookup(name); ok && r.Analyzer() == a.Name {
			fmt.Fprint(stdout, docgen.RuleText(a, r))
			return 0
		}
		if a.Name != name {
			continue
		}
		fmt.Fprintln(stdout, strings.TrimSpace(a.Doc))
		if list := rules[a.Name]; len(list) > 0 {
			fmt.Fprintf(stdout, "\nRules (conclint help RULE explains one):\n")
			for _, r := range list {
				fmt.Fprintf(stdout, "  %-24s %s\n", r.ID, r.Title)
			}
		}
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
	fmt.Fprintf(stderr, "conclint: no analyzer or rule %q; analyzers: %s\n", name, strings.Join(names, ", "))
	return 2
}
