package driver

import (
	"cmp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/conclint/conclint/internal/report"
)

// analyzeInProcess loads the packages and runs the analyzers in this
// process. The result is what the go vet route returns for the same
// code: package errors as go vet prints them, and no errors of analyzers
// that only failed because their package or a prerequisite did.
func analyzeInProcess(o *options, paths report.Paths) report.Result {
	var buildFlags []string
	if o.tags != "" {
		buildFlags = []string{"-tags=" + o.tags}
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode:       packages.LoadAllSyntax | packages.NeedModule,
		Tests:      o.tests,
		BuildFlags: buildFlags,
	}, o.patterns...)
	if err != nil {
		return report.Result{Failures: []report.Failure{{Message: err.Error()}}}
	}
	var r report.Result
	broken := make(map[*packages.Package]bool)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.Errors) > 0 {
			// go vet shows a package's first error only.
			broken[p] = true
			r.Failures = append(r.Failures, report.Failure{Package: p.ID, Message: packageError(p.Errors[0], paths)})
		}
	})
	graph, err := checker.Analyze(o.analyzers, pkgs, nil)
	if err != nil {
		r.Failures = append(r.Failures, report.Failure{Message: err.Error()})
		return r
	}
	for act := range graph.All() {
		if act.Err != nil {
			if !broken[act.Package] && !strings.HasPrefix(act.Err.Error(), "failed prerequisites") {
				r.Failures = append(r.Failures, report.Failure{Package: act.Package.ID, Analyzer: act.Analyzer.Name, Message: act.Err.Error()})
			}
			continue
		}
		if act.IsRoot {
			for _, d := range act.Diagnostics {
				r.Findings = append(r.Findings, finding(act, d))
			}
		}
	}
	return r
}

// packageError formats a load or type error as go vet prints it, with the
// file relative to the working directory.
func packageError(e packages.Error, paths report.Paths) string {
	if e.Pos == "" || e.Pos == "-" {
		return e.Msg
	}
	file, rest, _ := strings.Cut(e.Pos, ":")
	if i := strings.LastIndex(e.Pos, ".go:"); i >= 0 {
		file, rest = e.Pos[:i+3], e.Pos[i+4:]
	}
	return paths.Show(file) + ":" + rest + ": " + e.Msg
}

func finding(act *checker.Action, d analysis.Diagnostic) report.Finding {
	fset := act.Package.Fset
	f := report.Finding{Package: act.Package.ID, Analyzer: act.Analyzer, Rule: d.Category, Pos: fset.Position(d.Pos), Message: d.Message}
	f.End = f.Pos
	if d.End.IsValid() {
		f.End = fset.Position(d.End)
	}
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
			fix.Edits = append(fix.Edits, report.Edit{Start: fset.Position(e.Pos), End: fset.Position(end), NewText: string(e.NewText)})
		}
		f.Fixes = append(f.Fixes, fix)
	}
	return f
}
