package vetdriver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/report"
)

// Findings runs the analyzers through go vet -json and returns their
// diagnostics as findings, deduplicated (a file of p is analysed again in
// p's test variant) and sorted, plus every analyzer error. code is go
// vet's exit code: nonzero when a package failed to load or type-check, in
// which case go vet has already printed why on stderr.
func Findings(tool string, flags, patterns []string, analyzers []*analysis.Analyzer, stderr io.Writer) (findings []report.Finding, errs []error, code int) {
	var out bytes.Buffer
	code = Run(tool, append([]string{"-json"}, flags...), patterns, &out, stderr)
	if code != 0 && out.Len() == 0 {
		return nil, nil, code
	}
	byName := make(map[string]*analysis.Analyzer)
	for _, a := range analyzers {
		byName[a.Name] = a
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &tree); err != nil {
		return nil, []error{fmt.Errorf("reading go vet -json output: %v", err)}, 1
	}
	d := decoder{lines: make(map[string][]int), seen: make(map[findingKey]bool)}
	for pkg, results := range tree {
		for name, raw := range results {
			a := byName[name]
			if a == nil {
				a = &analysis.Analyzer{Name: name}
			}
			var failed struct{ Error string }
			if json.Unmarshal(raw, &failed) == nil && failed.Error != "" {
				errs = append(errs, fmt.Errorf("%s: %s: %s", pkg, name, failed.Error))
				continue
			}
			var diags []jsonDiagnostic
			if err := json.Unmarshal(raw, &diags); err != nil {
				errs = append(errs, fmt.Errorf("%s: %s: unreadable result: %v", pkg, name, err))
				continue
			}
			for _, diag := range diags {
				if f, ok := d.finding(a, diag); ok {
					findings = append(findings, f)
				}
			}
		}
	}
	report.Sort(findings)
	return findings, errs, code
}

// The JSON go vet prints per diagnostic (x/tools' JSONDiagnostic).
type (
	jsonDiagnostic struct {
		Posn, End, Message string
		SuggestedFixes     []jsonFix `json:"suggested_fixes"`
		Related            []struct{ Posn, End, Message string }
	}
	jsonFix struct {
		Message string
		Edits   []struct {
			Filename   string
			Start, End int
			New        string
		}
	}
)

type findingKey struct {
	pos, end, analyzer, message string
}

// decoder turns JSON diagnostics into findings. It reads each file named
// by an edit once, to give edits (byte offsets in the JSON) their lines
// and columns.
type decoder struct {
	lines map[string][]int // file → offsets at which its lines start
	seen  map[findingKey]bool
}

func (d *decoder) finding(a *analysis.Analyzer, diag jsonDiagnostic) (report.Finding, bool) {
	k := findingKey{diag.Posn, diag.End, a.Name, diag.Message}
	if d.seen[k] {
		return report.Finding{}, false
	}
	d.seen[k] = true
	f := report.Finding{Analyzer: a, Pos: parsePosn(diag.Posn), Message: diag.Message}
	f.End = f.Pos
	if diag.End != "" {
		f.End = parsePosn(diag.End)
	}
	for _, r := range diag.Related {
		f.Related = append(f.Related, report.Related{Pos: parsePosn(r.Posn), End: parsePosn(r.End), Message: r.Message})
	}
	for _, fix := range diag.SuggestedFixes {
		rf := report.Fix{Message: fix.Message}
		for _, e := range fix.Edits {
			rf.Edits = append(rf.Edits, report.Edit{
				Start:   d.position(e.Filename, e.Start),
				End:     d.position(e.Filename, e.End),
				NewText: e.New,
			})
		}
		f.Fixes = append(f.Fixes, rf)
	}
	return f, true
}

// position resolves a byte offset in file to a line and column. When the
// file cannot be read, only the offset is known.
func (d *decoder) position(file string, offset int) token.Position {
	starts, ok := d.lines[file]
	if !ok {
		data, _ := os.ReadFile(file)
		starts = []int{0}
		for i, b := range data {
			if b == '\n' {
				starts = append(starts, i+1)
			}
		}
		d.lines[file] = starts
	}
	line := sort.SearchInts(starts, offset+1) - 1 // the last start ≤ offset
	return token.Position{Filename: file, Offset: offset, Line: line + 1, Column: offset - starts[line] + 1}
}

// parsePosn parses "file:line:col" (or "file:line", or "file"), splitting
// from the right because file names may hold colons.
func parsePosn(s string) token.Position {
	var nums []int
	rest := s
	for len(nums) < 2 {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil {
			break
		}
		nums = append(nums, n)
		rest = rest[:i]
	}
	p := token.Position{Filename: rest}
	switch len(nums) {
	case 2:
		p.Line, p.Column = nums[1], nums[0]
	case 1:
		p.Line = nums[0]
	}
	return p
}
