// Package report turns analysis diagnostics into the output formats CI
// systems read: SARIF 2.1.0 for code scanning and GitHub Actions workflow
// commands for inline annotations.
package report

import (
	"cmp"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A Finding is one diagnostic with its positions resolved.
type Finding struct {
	Analyzer *analysis.Analyzer
	Pos, End token.Position // End is Pos when the diagnostic has no end
	Message  string
	Related  []Related
	Fixes    []Fix
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

// Sort orders findings by file, line, column and analyzer, the order a
// reader scans them in.
func Sort(findings []Finding) {
	slices.SortFunc(findings, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Filename, b.Pos.Filename),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
			cmp.Compare(a.Analyzer.Name, b.Analyzer.Name),
			cmp.Compare(a.Message, b.Message),
		)
	})
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
