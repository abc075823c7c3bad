package vetdriver

import (
	"bufio"
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

// Analyze runs the analyzers through go vet -json and returns what they
// found: their diagnostics as findings, and as failures the analyzers
// that failed and every package go vet reported an error for (a load or
// type error, a crash), which it prints on stderr under "# package".
// buildFlags (-tags) go to go vet, flags to the vet tool. Lines of go's
// stderr that are not errors ("go: downloading ...") are copied to stderr.
// The result is not normalized.
func Analyze(tool string, buildFlags, flags, patterns []string, analyzers []*analysis.Analyzer, stderr io.Writer) report.Result {
	var stdout, errOut bytes.Buffer
	args := append(append(append([]string{"vet"}, buildFlags...), "-vettool="+tool, "-json"), flags...)
	code, err := run(args, patterns, &stdout, &errOut)
	var r report.Result
	if err != nil {
		r.Failures = append(r.Failures, report.Failure{Message: err.Error()})
		return r
	}
	r.Failures = failures(&errOut, stderr)
	if code != 0 && stdout.Len() == 0 && loadFailed(r.Failures) {
		// go vet stops when a package fails to load (a missing import or
		// //go:embed file); analyse the packages that load without it.
		broken, healthy, ok := listPackages(buildFlags, patterns)
		if ok && len(broken) > 0 {
			r.Failures = broken
			stdout.Reset()
			errOut.Reset()
			code = 0
			if len(healthy) > 0 {
				if code, err = run(args, healthy, &stdout, &errOut); err != nil {
					r.Failures = append(r.Failures, report.Failure{Message: err.Error()})
					return r
				}
				r.Failures = append(r.Failures, failures(&errOut, stderr)...)
			}
		}
	}
	byName := make(map[string]*analysis.Analyzer)
	for _, a := range analyzers {
		byName[a.Name] = a
	}
	d := decoder{lines: make(map[string][]int)}
	dec := json.NewDecoder(&stdout)
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			r.Failures = append(r.Failures, report.Failure{Message: fmt.Sprintf("reading go vet -json output: %v", err)})
			break
		}
		for pkg, results := range tree {
			for name, raw := range results {
				a := byName[name]
				if a == nil {
					a = &analysis.Analyzer{Name: name}
				}
				var failed struct{ Error string }
				if json.Unmarshal(raw, &failed) == nil && failed.Error != "" {
					r.Failures = append(r.Failures, report.Failure{Package: pkg, Analyzer: name, Message: failed.Error})
					continue
				}
				var diags []jsonDiagnostic
				if err := json.Unmarshal(raw, &diags); err != nil {
					r.Failures = append(r.Failures, report.Failure{Package: pkg, Analyzer: name, Message: fmt.Sprintf("unreadable result: %v", err)})
					continue
				}
				for _, diag := range diags {
					r.Findings = append(r.Findings, d.finding(pkg, a, diag))
				}
			}
		}
	}
	if code != 0 && len(r.Failures) == 0 {
		r.Failures = append(r.Failures, report.Failure{Message: fmt.Sprintf("go vet exited with status %d", code)})
	}
	return r
}

// failures reads go vet's stderr: each "# package" line starts the errors
// of a package. Lines before the first that are go's notes ("go:
// downloading", "go: warning") are copied to stderr; other lines there are
// failures of the go command.
func failures(r io.Reader, stderr io.Writer) []report.Failure {
	var out []report.Failure
	var pkg string
	var lines []string
	flush := func() {
		if len(lines) > 0 {
			out = append(out, report.Failure{Package: pkg, Message: strings.Join(lines, "\n")})
		}
		lines = nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# "):
			flush()
			pkg = strings.TrimPrefix(line, "# ")
		case pkg == "" && (strings.HasPrefix(line, "go: downloading ") || strings.HasPrefix(line, "go: finding ") || strings.HasPrefix(line, "go: warning: ")):
			fmt.Fprintln(stderr, line)
		case line != "":
			// go vet shows files of the working directory as ./f.go, the
			// findings and the in-process driver as f.go.
			lines = append(lines, strings.TrimPrefix(line, "./"))
		}
	}
	flush()
	return out
}

// The JSON go vet prints per diagnostic (x/tools' JSONDiagnostic).
type (
	jsonDiagnostic struct {
		Category, Posn, End, Message string
		SuggestedFixes               []jsonFix `json:"suggested_fixes"`
		Related                      []struct{ Posn, End, Message string }
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

// decoder turns JSON diagnostics into findings. It reads each file named
// by a position once, to give positions their byte offsets and edits
// (byte offsets in the JSON) their lines and columns.
type decoder struct {
	lines map[string][]int // file → offsets at which its lines start
}

func (d *decoder) finding(pkg string, a *analysis.Analyzer, diag jsonDiagnostic) report.Finding {
	f := report.Finding{Package: pkg, Analyzer: a, Rule: diag.Category, Pos: d.parsePosn(diag.Posn), Message: diag.Message}
	f.End = f.Pos
	if diag.End != "" {
		f.End = d.parsePosn(diag.End)
	}
	for _, r := range diag.Related {
		f.Related = append(f.Related, report.Related{Pos: d.parsePosn(r.Posn), End: d.parsePosn(r.End), Message: r.Message})
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
	return f
}

func (d *decoder) lineStarts(file string) []int {
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
	return starts
}

// position resolves a byte offset in file to a line and column. When the
// file cannot be read, only the offset is known.
func (d *decoder) position(file string, offset int) token.Position {
	starts := d.lineStarts(file)
	line := sort.SearchInts(starts, offset+1) - 1 // the last start ≤ offset
	return token.Position{Filename: file, Offset: offset, Line: line + 1, Column: offset - starts[line] + 1}
}

// parsePosn parses a position and gives it its byte offset, as the
// in-process driver's positions have.
func (d *decoder) parsePosn(s string) token.Position {
	p := parsePosn(s)
	if starts := d.lineStarts(p.Filename); p.Line >= 1 && p.Line <= len(starts) && p.Column >= 1 {
		p.Offset = starts[p.Line-1] + p.Column - 1
	}
	return p
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
