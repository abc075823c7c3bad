// Package baseline records a run's findings in a file and later tells the
// new findings from the recorded ones, so that a team can adopt conclint
// on an existing codebase and fail only on what changes bring.
//
// A finding is recorded by analyzer, file (relative to the baseline
// file's directory), enclosing function and message, never by line, so
// that edits elsewhere in the file do not bring old findings back. Line
// numbers inside messages ("f.go:12") are left out for the same reason.
// The baseline is a multiset: two identical findings in one function need
// two entries, so a third one is new.
package baseline

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"

	"github.com/conclint/conclint/internal/report"
)

// An Entry is one recorded finding.
type Entry struct {
	Analyzer string `json:"analyzer"`
	File     string `json:"file"`
	Function string `json:"function,omitempty"` // "F", "T.M", "(*T).M"; empty outside functions
	Message  string `json:"message"`
}

// file is the baseline file's content.
type file struct {
	Comment  string  `json:"comment"`
	Findings []Entry `json:"findings"`
}

const comment = "conclint baseline: findings recorded by conclint -write-baseline, left out by conclint -baseline. Regenerate rather than edit."

// A Keyer gives findings their entries, reading each source file once.
type Keyer struct {
	dir   string // the baseline file's directory
	fset  *token.FileSet
	files map[string]*ast.File
}

// NewKeyer returns a Keyer for the baseline file named path.
func NewKeyer(path string) *Keyer {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		dir = filepath.Dir(path)
	}
	return &Keyer{dir: dir, fset: token.NewFileSet(), files: make(map[string]*ast.File)}
}

var linesInMessage = regexp.MustCompile(`(\.go):\d+(:\d+)?`)

// Entry returns the entry that records f.
func (k *Keyer) Entry(f report.Finding) Entry {
	rel, err := filepath.Rel(k.dir, f.Pos.Filename)
	if err != nil {
		rel = f.Pos.Filename
	}
	return Entry{
		Analyzer: f.Analyzer.Name,
		File:     filepath.ToSlash(rel),
		Function: k.function(f.Pos),
		Message:  linesInMessage.ReplaceAllString(f.Message, "$1"),
	}
}

// function returns the name of the function declaration around pos.
func (k *Keyer) function(pos token.Position) string {
	f, ok := k.files[pos.Filename]
	if !ok {
		f, _ = parser.ParseFile(k.fset, pos.Filename, nil, parser.SkipObjectResolution)
		k.files[pos.Filename] = f
	}
	if f == nil {
		return ""
	}
	tf := k.fset.File(f.FileStart)
	if pos.Offset < 0 || pos.Offset > tf.Size() {
		return ""
	}
	at := tf.Pos(pos.Offset)
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || at < fd.Pos() || at > fd.End() {
			continue
		}
		if fd.Recv == nil || len(fd.Recv.List) == 0 {
			return fd.Name.Name
		}
		return receiver(fd.Recv.List[0].Type) + "." + fd.Name.Name
	}
	return ""
}

// receiver names a receiver type as Go does in method values: T or (*T),
// without type parameters.
func receiver(t ast.Expr) string {
	star := false
	if s, ok := t.(*ast.StarExpr); ok {
		star, t = true, s.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	name := "?"
	if id, ok := t.(*ast.Ident); ok {
		name = id.Name
	}
	if star {
		return "(*" + name + ")"
	}
	return name
}

// Write records findings in the baseline file path.
func Write(path string, findings []report.Finding) error {
	k := NewKeyer(path)
	entries := make([]Entry, 0, len(findings))
	for _, f := range findings {
		entries = append(entries, k.Entry(f))
	}
	slices.SortFunc(entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Function, b.Function),
			cmp.Compare(a.Analyzer, b.Analyzer), cmp.Compare(a.Message, b.Message))
	})
	data, err := json.MarshalIndent(file{Comment: comment, Findings: entries}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// A Baseline is a read baseline file.
type Baseline struct {
	keyer  *Keyer
	counts map[Entry]int
}

// Read reads the baseline file path.
func Read(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: not a conclint baseline: %v", path, err)
	}
	b := &Baseline{keyer: NewKeyer(path), counts: make(map[Entry]int)}
	for _, e := range f.Findings {
		b.counts[e]++
	}
	return b, nil
}

// New returns the findings the baseline does not record, in order, and
// how many it left out.
func (b *Baseline) New(findings []report.Finding) ([]report.Finding, int) {
	counts := maps.Clone(b.counts)
	var out []report.Finding
	for _, f := range findings {
		e := b.keyer.Entry(f)
		if counts[e] > 0 {
			counts[e]--
			continue
		}
		out = append(out, f)
	}
	return out, len(findings) - len(out)
}
