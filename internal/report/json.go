package report

import (
	"cmp"
	"encoding/json"
	"io"
)

// typecheck is the key under which -json reports a package that failed to
// load or type-check, as golangci-lint names such errors.
const typecheck = "typecheck"

// The JSON of one diagnostic, as go vet -json and multichecker print it
// (x/tools' JSONDiagnostic).
type (
	jsonDiagnostic struct {
		Category       string        `json:"category,omitempty"`
		Posn           string        `json:"posn"`
		End            string        `json:"end"`
		Message        string        `json:"message"`
		SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated `json:"related,omitempty"`
		Severity       string        `json:"severity,omitempty"` // only "error"
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	jsonError struct {
		Error string `json:"error"`
	}
)

// WriteJSON prints go vet's JSON tree, {"package": {"analyzer": [diagnostic]}},
// with absolute positions as go vet prints them. A failed analyzer is
// {"error": message} in place of its list; a package that failed to load
// or type-check has such an error under "typecheck", so a broken package
// never looks clean. Failures of the go command itself go under the
// package "".
func WriteJSON(w io.Writer, r Result) error {
	tree := make(map[string]map[string]any)
	add := func(pkg, analyzer string, v any) {
		if tree[pkg] == nil {
			tree[pkg] = make(map[string]any)
		}
		if v, ok := v.(jsonDiagnostic); ok {
			list, _ := tree[pkg][analyzer].([]jsonDiagnostic)
			tree[pkg][analyzer] = append(list, v)
			return
		}
		if old, ok := tree[pkg][analyzer].(jsonError); ok {
			v = jsonError{old.Error + "\n" + v.(jsonError).Error}
		}
		tree[pkg][analyzer] = v
	}
	for _, f := range r.Findings {
		d := jsonDiagnostic{Category: f.Rule, Posn: f.Pos.String(), End: f.End.String(), Message: f.Message}
		if f.Level() != level {
			d.Severity = f.Level()
		}
		for _, rel := range f.Related {
			d.Related = append(d.Related, jsonRelated{Posn: rel.Pos.String(), End: rel.End.String(), Message: rel.Message})
		}
		for _, fix := range f.Fixes {
			jf := jsonFix{Message: fix.Message, Edits: []jsonEdit{}}
			for _, e := range fix.Edits {
				jf.Edits = append(jf.Edits, jsonEdit{Filename: e.Start.Filename, Start: e.Start.Offset, End: e.End.Offset, New: e.NewText})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, jf)
		}
		add(f.Package, f.Analyzer.Name, d)
	}
	for _, f := range r.Failures {
		add(f.Package, cmp.Or(f.Analyzer, typecheck), jsonError{f.Message})
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
