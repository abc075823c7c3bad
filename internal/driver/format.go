package driver

import (
	"cmp"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/conclint/conclint/internal/report"
	"github.com/conclint/conclint/internal/vetdriver"
)

// RunFormat analyses the packages named by args and prints the findings
// in format ("sarif" or "github"). It accepts the analyzer flags that
// multichecker accepts (-NAME, -NAME.FLAG, -test) with the same meaning,
// and analyses through go vet unless -test=false or CONCLINT_DRIVER=
// standalone asks for this process.
//
// Exit codes: sarif exits 0 when the log was written, like -json, since
// the log is the result; github exits 3 when there are findings, like the
// text output, so a CI step fails; both exit 1 on load or analysis errors.
func RunFormat(stdout, stderr io.Writer, suite []*analysis.Analyzer, format string, args []string) int {
	fs := flag.NewFlagSet("conclint -format="+format, flag.ContinueOnError)
	fs.SetOutput(stderr)
	tests := fs.Bool("test", true, "indicates whether test files should be analyzed, too")
	fs.Int("c", -1, "ignored with -format")
	unsupported := map[string]*bool{}
	for _, name := range []string{"json", "fix", "diff"} {
		unsupported[name] = fs.Bool(name, false, "not supported with -format")
	}
	enabled := make(map[*analysis.Analyzer]*triState)
	for _, a := range suite {
		enabled[a] = new(triState)
		fs.Var(enabled[a], a.Name, "enable "+a.Name+" analysis")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	for name, set := range unsupported {
		if *set {
			fmt.Fprintf(stderr, "conclint: -%s cannot be combined with -format=%s\n", name, format)
			return 2
		}
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "conclint: no package patterns (try ./...)\n")
		return 2
	}
	analyzers := selectAnalyzers(suite, enabled)

	var findings []report.Finding
	var errs []error
	exit := 0
	if tool, ok := vetTool(); ok && *tests {
		var code int
		findings, errs, code = vetdriver.Findings(tool, forwardedFlags(fs), fs.Args(), suite, stderr)
		if code != 0 {
			exit = 1
		}
	} else {
		var pkgErrors bool
		var err error
		findings, errs, pkgErrors, err = analyzeStandalone(analyzers, *tests, fs.Args())
		if err != nil {
			fmt.Fprintf(stderr, "conclint: %v\n", err)
			return 1
		}
		if pkgErrors {
			exit = 1
		}
	}
	for _, err := range errs {
		fmt.Fprintln(stderr, err)
		exit = 1
	}

	root, _ := os.Getwd()
	var err error
	switch format {
	case "sarif":
		err = report.WriteSARIF(stdout, report.Tool{
			Name:           "conclint",
			Version:        Version(),
			InformationURI: "https://github.com/conclint/conclint",
		}, analyzers, findings, root)
	case "github":
		err = report.WriteGitHub(stdout, findings, root)
		if exit == 0 && len(findings) > 0 {
			exit = 3
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "conclint: %v\n", err)
		return 1
	}
	return exit
}

// forwardedFlags returns the analyzer flags set on fs, for go vet to pass
// on to its tool.
func forwardedFlags(fs *flag.FlagSet) []string {
	var flags []string
	fs.Visit(func(f *flag.Flag) {
		if f.Name != "test" && f.Name != "c" {
			flags = append(flags, "-"+f.Name+"="+f.Value.String())
		}
	})
	return flags
}

// analyzeStandalone loads and analyses the packages in this process.
// pkgErrors reports that some package had errors, which it printed; err,
// that nothing could be analysed.
func analyzeStandalone(analyzers []*analysis.Analyzer, tests bool, patterns []string) (findings []report.Finding, errs []error, pkgErrors bool, err error) {
	pkgs, err := packages.Load(&packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Tests: tests,
	}, patterns...)
	if err != nil {
		return nil, nil, false, err
	}
	pkgErrors = packages.PrintErrors(pkgs) > 0
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		return nil, nil, false, err
	}
	findings, errs = collect(graph)
	return findings, errs, pkgErrors, nil
}

// collect returns the diagnostics of the root actions, deduplicated by
// position (a file in both p and p's test variant is analysed twice) and
// sorted, plus every action error.
func collect(g *checker.Graph) ([]report.Finding, []error) {
	type key struct {
		pos, end token.Position
		a        *analysis.Analyzer
		msg      string
	}
	seen := make(map[key]bool)
	var findings []report.Finding
	var errs []error
	for act := range g.All() {
		if act.Err != nil {
			errs = append(errs, fmt.Errorf("%s: %s: %v", act.Package.PkgPath, act.Analyzer.Name, act.Err))
			continue
		}
		if !act.IsRoot {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			pos := fset.Position(d.Pos)
			end := pos
			if d.End.IsValid() {
				end = fset.Position(d.End)
			}
			k := key{pos, end, act.Analyzer, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			f := report.Finding{Analyzer: act.Analyzer, Pos: pos, End: end, Message: d.Message}
			for _, r := range d.Related {
				f.Related = append(f.Related, report.Related{
					Pos: fset.Position(r.Pos), End: fset.Position(cmp.Or(r.End, r.Pos)), Message: r.Message,
				})
			}
			for _, sf := range d.SuggestedFixes {
				fix := report.Fix{Message: sf.Message}
				for _, e := range sf.TextEdits {
					end := e.End
					if !end.IsValid() {
						end = e.Pos
					}
					fix.Edits = append(fix.Edits, report.Edit{
						Start: fset.Position(e.Pos), End: fset.Position(end), NewText: string(e.NewText),
					})
				}
				f.Fixes = append(f.Fixes, fix)
			}
			findings = append(findings, f)
		}
	}
	report.Sort(findings)
	return findings, errs
}
