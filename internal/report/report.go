// Package report prints the result of a conclint run, whichever driver
// produced it, in each output format: text for people (WriteText), go
// vet's JSON (WriteJSON), SARIF 2.1.0 for code scanning (WriteSARIF) and
// GitHub Actions workflow commands for inline annotations (WriteGitHub).
// Both drivers build the same Result, so they print the same bytes.
package report

import (
	"cmp"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A Result is what a run found: findings, and failures that kept part of
// the code from being analysed.
type Result struct {
	Findings []Finding
	Failures []Failure
}

// A Failure is a package that failed to load or type-check (Analyzer is
// empty), an analyzer that failed on a package, or an error of the go
// command itself (Package is empty too).
type Failure struct {
	Package  string // as go vet names it: "p", or "p [p.test]" for a test variant
	Analyzer string
	Message  string // positions in it are relative to the working directory
}

// A Finding is one diagnostic with its positions resolved.
type Finding struct {
	Package  string // as go vet names it: "p", or "p [p.test]" for a test variant
	Analyzer *analysis.Analyzer
	Rule     string         // the rule ID (the diagnostic's Category), "" when the analyzer gives none
	Pos, End token.Position // End is Pos when the diagnostic has no end
	Message  string
	Related  []Related
	Fixes    []Fix
	Severity string // "error" when configured so; else a warning
}

// Level returns the finding's severity: "warning" (the default) or "error".
// SARIF's result level and GitHub's annotation are this; -json shows it
// only when it is "error", so that go vet's shape is unchanged by default.
func (f Finding) Level() string {
	if f.Severity == "" {
		return level
	}
	return f.Severity
}

// Related is a secondary location that explains a finding.
type Related struct {
	Pos, End token.Position
	Message  string
}

// A Fix is one suggested fix of a finding.
type Fix struct {
	Message string
	Edits   []Edit
}

// An Edit replaces the bytes between Start and End (same file) with NewText.
type Edit struct {
	Start, End token.Position
	NewText    string
}

// Normalize sorts findings by file, line, column and analyzer, the order
// a reader scans them in, and failures by package, and drops repeats: a
// file of p is analysed again in p's test variant "p [p.test]", and the
// finding is kept once, under the first package name.
func (r *Result) Normalize() {
	slices.SortFunc(r.Findings, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Filename, b.Pos.Filename),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
			cmp.Compare(a.Analyzer.Name, b.Analyzer.Name),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.End.Offset, b.End.Offset),
			cmp.Compare(a.Package, b.Package),
		)
	})
	r.Findings = slices.CompactFunc(r.Findings, func(a, b Finding) bool {
		return a.Pos == b.Pos && a.End == b.End && a.Analyzer.Name == b.Analyzer.Name && a.Message == b.Message
	})
	slices.SortFunc(r.Failures, func(a, b Failure) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.Analyzer, b.Analyzer), cmp.Compare(a.Message, b.Message))
	})
	seen := make(map[Failure]bool)
	r.Failures = slices.DeleteFunc(r.Failures, func(f Failure) bool {
		f.Package, _, _ = strings.Cut(f.Package, " ") // "p [p.test]" repeats p's errors
		if seen[f] {
			return true
		}
		seen[f] = true
		return false
	})
}

// RuleID returns the finding's rule ID, or its analyzer's name when the
// analyzer names no rules: what the text and GitHub formats show and
// SARIF's ruleId.
func (f Finding) RuleID() string {
	if f.Rule != "" {
		return f.Rule
	}
	return f.Analyzer.Name
}

// Paths says how to show a file name: relative to Root (the working
// directory) when inside it, as module@version/file when inside ModCache,
// as $GOROOT/src/... when inside GOROOT, else as it is.
type Paths struct{ Root, ModCache, GOROOT string }

// Show returns filename as a reader wants to see it.
func (p Paths) Show(filename string) string {
	if rel, ok := relPath(p.Root, filename); ok {
		return rel
	}
	if rel, ok := relPath(p.ModCache, filename); ok && p.ModCache != "" {
		return rel
	}
	if rel, ok := relPath(p.GOROOT, filename); ok && p.GOROOT != "" {
		return "$GOROOT/" + rel
	}
	return filepath.ToSlash(filename)
}

// relPath returns filename relative to root when it lies inside root,
// with forward slashes, and ok=false otherwise.
func relPath(root, filename string) (string, bool) {
	if root == "" || !filepath.IsAbs(filename) {
		return filepath.ToSlash(filename), !filepath.IsAbs(filename)
	}
	rel, err := filepath.Rel(root, filename)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(filename), false
	}
	return filepath.ToSlash(rel), true
}
