package driver

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/conclint/conclint/internal/baseline"
	"github.com/conclint/conclint/internal/gitdiff"
	"github.com/conclint/conclint/internal/report"
)

// newOnly is what -baseline and -new-from-rev leave out: findings the
// baseline records, findings on lines unchanged since a revision.
type newOnly struct {
	baseline *baseline.Baseline
	changes  *gitdiff.Changes
}

// loadNewOnly reads the baseline and the git diff before anything is
// analysed, so that a mistake in either stops the run at once.
func (o *options) loadNewOnly() error {
	if o.writeBaseline != "" && (o.baseline != "" || o.newFromRev != "") {
		return errUsage{"-write-baseline records every finding; it cannot be combined with -baseline or -new-from-rev"}
	}
	if o.writeBaseline != "" && o.fix {
		return errUsage{"-write-baseline cannot be combined with -fix"}
	}
	if o.baseline != "" {
		b, err := baseline.Read(o.baseline)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("-baseline: %s does not exist (conclint -write-baseline %s ./... records one)", o.baseline, o.baseline)
			}
			return fmt.Errorf("-baseline: %v", err)
		}
		o.only.baseline = b
	}
	if o.newFromRev != "" {
		wd, _ := os.Getwd()
		c, err := gitdiff.Since(wd, o.newFromRev)
		if err != nil {
			return fmt.Errorf("-new-from-rev: %v", err)
		}
		o.only.changes = c
	}
	return nil
}

// keepNew leaves out of r the findings -baseline and -new-from-rev hide,
// and returns lines that say how many, for the formats people read.
func (o *options) keepNew(r *report.Result) string {
	before := len(r.Findings)
	if c := o.only.changes; c != nil {
		r.Findings = slices.DeleteFunc(r.Findings, func(f report.Finding) bool {
			return !c.Changed(f.Pos.Filename, f.Pos.Line)
		})
	}
	var inBaseline int
	if b := o.only.baseline; b != nil {
		r.Findings, inBaseline = b.New(r.Findings)
	}
	if o.format != "text" && o.format != "github" {
		return ""
	}
	var note strings.Builder
	if inBaseline > 0 {
		fmt.Fprintf(&note, "conclint: %d %s recorded in %s not shown\n", inBaseline, plural(inBaseline, "finding"), o.baseline)
	}
	if n := before - len(r.Findings) - inBaseline; n > 0 {
		fmt.Fprintf(&note, "conclint: %d %s on lines unchanged since %s not shown\n", n, plural(n, "finding"), o.newFromRev)
	}
	return note.String()
}

// writeBaselineFile records r's findings in -write-baseline's file.
func (o *options) writeBaselineFile(r report.Result, stderr io.Writer) int {
	if err := baseline.Write(o.writeBaseline, r.Findings); err != nil {
		fmt.Fprintf(stderr, "conclint: -write-baseline: %v\n", err)
		return 1
	}
	report.WriteText(stderr, report.Result{Failures: r.Failures}, currentPaths(), -1)
	fmt.Fprintf(stderr, "conclint: recorded %d %s in %s\n", len(r.Findings), plural(len(r.Findings), "finding"), o.writeBaseline)
	if len(r.Failures) > 0 {
		fmt.Fprintf(stderr, "conclint: the baseline lacks the packages that failed\n")
		return 1
	}
	return 0
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// leavesOut reports whether the configuration's excludes, -baseline or
// -new-from-rev may leave findings out, so that -fix must fix only the
// others.
func (o *options) leavesOut() bool {
	return o.cfg != nil && len(o.cfg.Excludes) > 0 || o.only.baseline != nil || o.only.changes != nil
}
