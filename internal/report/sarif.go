package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/docgen"
	"github.com/conclint/conclint/internal/rule"
)

// srcRoot is the uriBaseId of paths relative to the analysed checkout.
const srcRoot = "%SRCROOT%"

// Tool describes the program that produced the findings.
type Tool struct {
	Name, Version, InformationURI string
	Severity                      map[string]string // analyzer → its configured level, when not "warning"
}

// level is the SARIF level of a finding, and "warning" the GitHub
// annotation conclint prints for one, unless configured otherwise
// (Finding.Level): the same severity in both. Failures are errors in both.
const level = "warning"

// WriteSARIF writes a SARIF 2.1.0 log with one run: a rule per rule ID of
// the analyzers in rules (title, the rule's doc as help, its URL), or per
// analyzer when rules has none for it (title, doc as help, URL), and a
// result per finding with start and end
// positions and its suggested fixes. Files inside root are written
// relative to it, against the %SRCROOT% base, as GitHub code scanning
// expects. Columns are UTF-16 code units, SARIF's default column kind.
// The run has one invocation, successful unless something failed, with
// one error notification per failure.
func WriteSARIF(w io.Writer, tool Tool, analyzers []*analysis.Analyzer, rules rule.Index, r Result, root string) error {
	findings := r.Findings
	run := sarif.NewRunWithInformationURI(tool.Name, tool.InformationURI)
	if tool.Version != "" {
		run.Tool.Driver.WithVersion(tool.Version)
	}
	if root != "" {
		base := sarif.NewArtifactLocation().WithURI(fileURI(root) + "/")
		run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{srcRoot: *base})
	}
	for _, a := range analyzers {
		for _, ru := range rules[a.Name] {
			run.AddRule(ru.ID).
				WithName(ru.ID).
				WithDescription(ru.Title).
				WithFullDescription(sarif.NewMultiformatMessageString().WithText(ru.Why)).
				WithHelp(sarif.NewMultiformatMessageString().
					WithText(docgen.RuleText(a, ru)).
					WithMarkdown(docgen.RuleMarkdown(a, ru))).
				WithHelpURI(ru.DocsURL()).
				WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(cmp.Or(tool.Severity[a.Name], level)))
		}
		if len(rules[a.Name]) > 0 {
			continue
		}
		rule := run.AddRule(a.Name).
			WithName(a.Name).
			WithDescription(docgen.Title(a)).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(strings.TrimSpace(a.Doc))).
			WithHelp(sarif.NewMultiformatMessageString().WithText(strings.TrimSpace(a.Doc))).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(cmp.Or(tool.Severity[a.Name], level)))
		if a.URL != "" {
			rule.WithHelpURI(a.URL)
		}
	}
	cols := newColumns()
	for _, f := range findings {
		res := run.CreateResultForRule(f.RuleID()).
			WithLevel(f.Level()).
			WithMessage(sarif.NewTextMessage(f.Message)).
			AddLocation(sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
				WithArtifactLocation(artifact(root, f.Pos.Filename)).
				WithRegion(cols.region(f.Pos, f.End))))
		for i, r := range f.Related {
			res.AddRelatedLocation(sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
				WithArtifactLocation(artifact(root, r.Pos.Filename)).
				WithRegion(cols.region(r.Pos, r.End))).
				WithID(i + 1).
				WithMessage(sarif.NewTextMessage(r.Message)))
		}
		for _, fix := range f.Fixes {
			res.AddFixe(sarifFix(root, cols, fix))
		}
	}
	inv := sarif.NewInvocation().WithExecutionSuccessful(len(r.Failures) == 0)
	if root != "" {
		inv.WithWorkingDirectory(sarif.NewArtifactLocation().WithURI(fileURI(root) + "/"))
	}
	for _, f := range r.Failures {
		text := f.Message
		if f.Analyzer != "" {
			text = f.Analyzer + ": " + text
		}
		if f.Package != "" {
			text = f.Package + ": " + text
		}
		inv.AddToolExecutionNotification(sarif.NewNotification().WithLevel("error").WithMessage(sarif.NewTextMessage(text)))
	}
	run.AddInvocation(inv)
	rep := sarif.NewReport().AddRun(run)
	out, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(out, '\n'))
	return err
}

// sarifFix groups a fix's edits by file, in file order.
func sarifFix(root string, cols *columns, fix Fix) *sarif.Fix {
	edits := slices.Clone(fix.Edits)
	slices.SortStableFunc(edits, func(a, b Edit) int {
		return cmp.Or(cmp.Compare(a.Start.Filename, b.Start.Filename), cmp.Compare(a.Start.Offset, b.Start.Offset))
	})
	out := sarif.NewFix().WithDescription(sarif.NewTextMessage(fix.Message))
	var change *sarif.ArtifactChange
	for i, e := range edits {
		if i == 0 || e.Start.Filename != edits[i-1].Start.Filename {
			change = sarif.NewArtifactChange().WithArtifactLocation(artifact(root, e.Start.Filename))
			out.AddArtifactChange(change)
		}
		deleted := cols.region(e.Start, e.End).
			WithByteOffset(e.Start.Offset).
			WithByteLength(e.End.Offset - e.Start.Offset)
		change.AddReplacement(sarif.NewReplacement().
			WithDeletedRegion(deleted).
			WithInsertedContent(sarif.NewArtifactContent().WithText(e.NewText)))
	}
	return out
}

func artifact(root, filename string) *sarif.ArtifactLocation {
	if rel, ok := relPath(root, filename); ok {
		return sarif.NewArtifactLocation().WithURI(rel).WithURIBaseID(srcRoot)
	}
	return sarif.NewArtifactLocation().WithURI(fileURI(filename))
}

func fileURI(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// columns converts Go's byte columns to UTF-16 columns, reading each file
// once. When a file cannot be read, byte columns are kept (they agree for
// ASCII lines, which is nearly all Go code).
type columns struct{ lines map[string][][]byte }

func newColumns() *columns { return &columns{lines: make(map[string][][]byte)} }

func (c *columns) region(start, end token.Position) *sarif.Region {
	if !end.IsValid() || end.Filename != start.Filename {
		end = start
	}
	return sarif.NewRegion().
		WithStartLine(start.Line).WithStartColumn(c.utf16(start)).
		WithEndLine(end.Line).WithEndColumn(c.utf16(end))
}

func (c *columns) utf16(p token.Position) int {
	lines, ok := c.lines[p.Filename]
	if !ok {
		data, err := os.ReadFile(p.Filename)
		if err == nil {
			lines = bytes.SplitAfter(data, []byte("\n"))
		}
		c.lines[p.Filename] = lines
	}
	if p.Line < 1 || p.Line > len(lines) || p.Column < 1 {
		return max(p.Column, 1)
	}
	line := lines[p.Line-1]
	prefix := line[:min(p.Column-1, len(line))]
	n := 1
	for len(prefix) > 0 {
		r, size := utf8.DecodeRune(prefix)
		prefix = prefix[size:]
		if r >= 0x10000 {
			n += 2 // a surrogate pair
		} else {
			n++
		}
	}
	return n
}
