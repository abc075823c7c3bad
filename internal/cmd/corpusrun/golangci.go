package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/conclint/conclint"
)

// The golangci-lint modes measure what conclint's linters add to a
// golangci-lint run: gclstd runs golangci-lint's standard linters, gclconc
// the standard linters and conclint's (the generated .golangci-plugin.yml
// with default: standard). Both need -gcl, a golangci-lint built with
// conclint linked in (go run ./internal/cmd/buildgcl), and each run starts
// from an empty golangci-lint cache, as CI does on a new machine. The
// table compares gclconc with gclstd of the same entry, not with go vet.
const (
	modeGolangciStandard = "gclstd"
	modeGolangciConclint = "gclconc"
)

func isGolangciMode(mode string) bool {
	return mode == modeGolangciStandard || mode == modeGolangciConclint
}

// golangciConfig writes a mode's configuration into the runner's work
// directory, once, and returns its path.
func (r *runner) golangciConfig(mode string) (string, error) {
	path := filepath.Join(r.work, mode+".yml")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	config := "version: \"2\"\nlinters:\n  default: standard\n"
	if mode == modeGolangciConclint {
		plugin, err := os.ReadFile(filepath.Join(moduleRoot(), ".golangci-plugin.yml"))
		if err != nil {
			return "", err
		}
		config = strings.Replace(string(plugin), "  default: none\n", "  default: standard\n", 1)
		if config == string(plugin) {
			return "", fmt.Errorf(".golangci-plugin.yml: no \"default: none\" line to turn into the standard set")
		}
	}
	return path, os.WriteFile(path, []byte(config), 0o644)
}

// golangciCommand returns the command line and environment of a
// golangci-lint mode; cache is a fresh directory the caller removes.
func (r *runner) golangciCommand(mode, pattern, cache string) (args, env []string, err error) {
	if r.gcl == "" {
		return nil, nil, fmt.Errorf("mode %s needs -gcl, a golangci-lint built with conclint (go run ./internal/cmd/buildgcl)", mode)
	}
	config, err := r.golangciConfig(mode)
	if err != nil {
		return nil, nil, err
	}
	// --path-mode=abs: golangci-lint v2 prints paths relative to the
	// configuration file, which lives in the work directory, not the entry.
	args = []string{r.gcl, "run", "--config", config, "--path-mode=abs", "--output.json.path=stdout", "--show-stats=false",
		"--issues-exit-code=0", "--max-issues-per-linter=0", "--max-same-issues=0", pattern}
	return args, []string{"GOLANGCI_LINT_CACHE=" + cache}, nil
}

// parseGolangci reads golangci-lint's JSON output and keeps the issues of
// conclint's linters (names), so that gclconc's findings compare with the
// other modes'.
func (run *Run) parseGolangci(stdout []byte, dir string, names map[string]bool) {
	var out struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(stdout, &out); err != nil {
		run.Errors = append(run.Errors, Problem{Text: "unreadable golangci-lint output: " + err.Error()})
		return
	}
	for _, is := range out.Issues {
		if !names[is.FromLinter] {
			continue
		}
		file := is.Pos.Filename
		if filepath.IsAbs(file) {
			file = relative(file, dir)
		}
		posn := fmt.Sprintf("%s:%d:%d", filepath.ToSlash(file), is.Pos.Line, is.Pos.Column)
		run.Findings = append(run.Findings, Finding{Analyzer: is.FromLinter, Posn: posn, Message: is.Text})
	}
	sort.Slice(run.Findings, func(i, j int) bool { return run.Findings[i].less(run.Findings[j]) })
}

// conclintLinters returns the names of conclint's linters, as
// golangci-lint's output names them (FromLinter).
func conclintLinters() map[string]bool {
	names := make(map[string]bool)
	for _, a := range conclint.Suite {
		names[a.Name] = true
	}
	return names
}

// golangciBase returns the gclstd run of e, against which gclconc is
// compared, or nil.
func (e *Entry) golangciBase() *Measure {
	if run := e.run(modeGolangciStandard); run != nil {
		return &run.Measure
	}
	return nil
}
