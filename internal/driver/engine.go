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
		Mode:       packages.LoadAllSyntax | packages.NeedModule | packages.NeedEmbedFiles, // embed errors are load errors
		Tests:      o.analysesTests(),
		BuildFlags: buildFlags,
	}, o.patterns...)
	if err != nil {
		return report.Result{Failures: []report.Failure{{Message: err.Error()}}}
	}
	var r report.Result
	// broken holds the packages that failed and those that import one:
	// as on the go vet route, only the first are reported, and neither is
	// analysed.
	broken := make(map[*packages.Package]bool)
	root := make(map[*packages.Package]bool)
	for _, p := range pkgs {
		root[p] = true
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, imp := range p.Imports {
			broken[p] = broken[p] || broken[imp]
			if missing(imp) && !root[imp] {
				// go vet names the importer of a package that is not there.
				r.Failures = append(r.Failures, report.Failure{Package: p.ID, Message: packageError(imp.Errors[0], paths)})
			}
		}
		if len(p.Errors) > 0 && !(missing(p) && !root[p]) && !(broken[p] && onlyImportErrors(p.Errors)) {
			// go vet shows a package's first error only.
			r.Failures = append(r.Failures, report.Failure{Package: p.ID, Message: packageError(p.Errors[0], paths)})
		}
		broken[p] = broken[p] || len(p.Errors) > 0
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

// missing reports whether p is an import that could not be found: it has
// errors and no files.
func missing(p *packages.Package) bool {
	return len(p.Errors) > 0 && len(p.GoFiles) == 0 && len(p.CompiledGoFiles) == 0
}

// onlyImportErrors reports whether errs only say that imports failed.
func onlyImportErrors(errs []packages.Error) bool {
	for _, e := range errs {
		if e.Kind != packages.TypeError || !strings.Contains(e.Msg, "could not import ") {
			return false
		}
	}
	return true
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
