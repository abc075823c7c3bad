package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// runner runs the tools on one entry after another.
type runner struct {
	work     string // private temporary directory
	conclint string
	flags    []string // extra conclint flags
	vet      bool     // also time go vet
	modes    []string
	repeat   int             // rounds per entry; each figure is the best of them
	tools    int             // fresh tool wrappers made so far
	gcl      string          // golangci-lint with conclint, for the golangci modes
	linters  map[string]bool // conclint's linter names, in golangci-lint's output
}

func (r *runner) runEntry(name, dir string) (*Entry, error) {
	if _, err := os.Stat(dir); err != nil && name == "std" {
		dir = filepath.Join(goEnv("GOROOT"), "src") // std needs no fetching
	}
	dir, err := filepath.EvalSymlinks(dir) // std is a link into GOROOT
	if err != nil {
		return nil, err
	}
	pattern := "./..."
	if name == "std" {
		pattern = "std"
	}
	e := &Entry{Name: name, Pattern: pattern}
	list, err := r.command(dir, "go", "list", "-e", pattern).Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v", err)
	}
	e.Packages = len(strings.Fields(string(list)))
	// Untimed: compile every dependency, tests included, so that neither
	// timed run pays for the build of export data.
	warm := r.command(dir, "go", "list", "-e", "-export", "-deps", "-test", pattern)
	warm.Stdout = io.Discard
	if err := warm.Run(); err != nil {
		return nil, fmt.Errorf("warming the build cache: %v", err)
	}
	// Each round times go vet and then every mode, each with a fresh tool
	// ID; with several rounds, every figure is the best one (load on the
	// machine only ever adds).
	for round := range max(r.repeat, 1) {
		if r.vet {
			vet, err := r.freshTool(filepath.Join(goEnv("GOTOOLDIR"), "vet"))
			if err != nil {
				return nil, err
			}
			m, _, _ := r.measure(dir, nil, "go", "vet", "-vettool="+vet, pattern)
			if round == 0 {
				e.Vet = &m
			} else {
				e.Vet.keepBest(m)
			}
		}
		for i, mode := range r.modes {
			args, env, cache, err := r.modeCommand(mode, pattern)
			if err != nil {
				return nil, err
			}
			m, stdout, stderr := r.measure(dir, env, args[0], args[1:]...)
			if cache != "" {
				os.RemoveAll(cache)
			}
			if round > 0 {
				e.Runs[i].keepBest(m)
				continue
			}
			run := &Run{Mode: mode, Measure: m}
			switch {
			case mode == "fixdiff":
				run.parseDiff(stdout, dir)
			case isGolangciMode(mode):
				run.parseGolangci(stdout, dir, r.linters)
			default:
				run.parseJSON(stdout, dir)
			}
			run.parseStderr(stderr)
			e.Runs = append(e.Runs, run)
		}
	}
	return e, nil
}

// modeCommand returns the command line and extra environment of a mode,
// and a directory to remove after the run (a golangci-lint cache).
func (r *runner) modeCommand(mode, pattern string) (args, env []string, cache string, err error) {
	if isGolangciMode(mode) {
		if cache, err = os.MkdirTemp(r.work, "gclcache-"); err != nil {
			return nil, nil, "", err
		}
		args, env, err = r.golangciCommand(mode, pattern, cache)
		return args, env, cache, err
	}
	args, env, err = r.toolCommand(mode, pattern)
	return args, env, "", err
}

// toolCommand returns the command line and extra environment of a mode
// that runs conclint itself.
func (r *runner) toolCommand(mode, pattern string) (args, env []string, err error) {
	switch mode {
	case "conclint":
		// What users run: conclint itself hands the packages to go vet,
		// told to run a fresh tool ID.
		tool, err := r.freshTool(r.conclint)
		if err != nil {
			return nil, nil, err
		}
		args = append(append([]string{r.conclint, "-json"}, r.flags...), pattern)
		return args, []string{"CONCLINT_VETTOOL=" + tool}, nil
	case "notest", "fixdiff":
		// conclint -test=false and conclint -fix -diff, both through the
		// go command, told to run a fresh tool ID.
		tool, err := r.freshTool(r.conclint)
		if err != nil {
			return nil, nil, err
		}
		flags := []string{"-json", "-test=false"}
		if mode == "fixdiff" {
			flags = []string{"-fix", "-diff"}
		}
		args = append(append(append([]string{r.conclint}, flags...), r.flags...), pattern)
		return args, []string{"CONCLINT_VETTOOL=" + tool}, nil
	case "standalone":
		args = append(append([]string{r.conclint, "-json"}, r.flags...), pattern)
		return args, []string{"CONCLINT_DRIVER=standalone"}, nil
	case "vettool":
		tool, err := r.freshTool(r.conclint)
		if err != nil {
			return nil, nil, err
		}
		return append(append([]string{"go", "vet", "-vettool=" + tool, "-json"}, r.flags...), pattern), nil, nil
	}
	return nil, nil, fmt.Errorf("unknown mode %q (want conclint, vettool, standalone, notest, fixdiff, gclstd or gclconc)", mode)
}

// keepBest keeps the lowest of each figure of m and o.
func (m *Measure) keepBest(o Measure) {
	m.WallSeconds = min(m.WallSeconds, o.WallSeconds)
	m.CPUSeconds = min(m.CPUSeconds, o.CPUSeconds)
	m.PeakRSSMB = min(m.PeakRSSMB, o.PeakRSSMB)
}

func (r *runner) command(dir, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, corpusEnv()
	cmd.Stderr = os.Stderr
	return cmd
}

// corpusEnv is the environment fetch.sh verified the entries in: each
// entry is its own module (prometheus ships a go.work naming modules the
// fetch leaves out).
func corpusEnv() []string {
	return append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod "+os.Getenv("GOFLAGS"))
}

// measure runs a command, with env added to the corpus environment, to
// completion and returns its wall time, the peak RSS of its largest
// process and its output.
func (r *runner) measure(dir string, env []string, name string, args ...string) (m Measure, stdout, stderr []byte) {
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, append(corpusEnv(), env...), &out, &errb
	start := time.Now()
	err := cmd.Run()
	m.WallSeconds = time.Since(start).Seconds()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		m.ExitCode = exit.ExitCode()
	case err != nil:
		m.ExitCode = -1
		errb.WriteString(err.Error())
	}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			// Linux reports the largest of the process and its waited-for
			// descendants, in KiB.
			m.PeakRSSMB = float64(ru.Maxrss) / 1024
			m.CPUSeconds = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
		}
	}
	return m, out.Bytes(), errb.Bytes()
}

// freshTool writes a wrapper around a vet tool that reports a build ID no
// run has used, so go vet cannot replay analysis results from its cache.
func (r *runner) freshTool(real string) (string, error) {
	r.tools++
	path := filepath.Join(r.work, fmt.Sprintf("tool%d", r.tools))
	id := fmt.Sprintf("corpusrun%d-%d", time.Now().UnixNano(), r.tools)
	script := fmt.Sprintf("#!/bin/sh\nif [ \"$1\" = -V=full ]; then echo '%s version devel %s buildID=%s'; exit 0; fi\nexec '%s' \"$@\"\n",
		filepath.Base(path), id, id, real)
	return path, os.WriteFile(path, []byte(script), 0o755)
}

func goEnv(key string) string {
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// parseJSON reads the -json output: one object per package in vettool
// mode, a single (merged) object in the others. Findings of a package's test
// variant that repeat the package's own are kept once.
func (run *Run) parseJSON(stdout []byte, dir string) {
	type diag struct {
		Category string `json:"category"`
		Posn     string `json:"posn"`
		Message  string `json:"message"`
	}
	seen := make(map[Finding]bool)
	dec := json.NewDecoder(bytes.NewReader(stdout))
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			if err != io.EOF {
				run.Errors = append(run.Errors, Problem{Text: "unreadable -json output: " + err.Error()})
			}
			break
		}
		for pkg, byAnalyzer := range tree {
			pkg, _, _ = strings.Cut(strings.TrimSpace(pkg), " ") // "p [p.test]" → "p"; a failed load may have no name
			for analyzer, raw := range byAnalyzer {
				var diags []diag
				if err := json.Unmarshal(raw, &diags); err != nil {
					var failed struct{ Error string }
					json.Unmarshal(raw, &failed)
					p := Problem{Package: pkg, Analyzer: analyzer, Text: failed.Error}
					if isInternal(p.Text) {
						run.Problems = append(run.Problems, p)
					} else {
						run.Errors = append(run.Errors, p)
					}
					continue
				}
				for _, d := range diags {
					f := Finding{Analyzer: analyzer, Rule: d.Category, Package: pkg, Posn: relative(d.Posn, dir), Message: d.Message}
					if !seen[f] {
						seen[f] = true
						run.Findings = append(run.Findings, f)
					}
				}
			}
		}
	}
	sort.Slice(run.Findings, func(i, j int) bool { return run.Findings[i].less(run.Findings[j]) })
}

// parseDiff keeps the diff -fix -diff printed, with the entry's directory
// left out of the file names, and one finding per changed file (the
// file's diff as its message), so that -diff compares the diffs.
func (run *Run) parseDiff(stdout []byte, dir string) {
	text := strings.ReplaceAll(string(stdout), dir+string(filepath.Separator), "")
	for _, part := range strings.SplitAfter(text, "\n--- ") {
		part = strings.TrimPrefix(part, "--- ")
		file, _, _ := strings.Cut(part, " ")
		if file != "" {
			run.Findings = append(run.Findings, Finding{Analyzer: "diff", Posn: file, Message: strings.TrimSuffix(part, "\n--- ")})
		}
	}
}

// parseStderr finds panics and fatal errors (attributed to the package of
// the last "# pkg" header go vet printed) and keeps other error lines.
func (run *Run) parseStderr(stderr []byte) {
	var pkg string
	lines := strings.Split(string(stderr), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case line == "":
		case strings.HasPrefix(line, "# "):
			pkg = strings.Fields(strings.TrimPrefix(line, "# "))[0]
		case strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: ") || isInternal(line):
			end := min(i+40, len(lines))
			run.Problems = append(run.Problems, Problem{Package: pkg, Analyzer: analyzerInStack(lines[i:end]), Text: strings.Join(lines[i:end], "\n")})
			for i+1 < len(lines) && !strings.HasPrefix(lines[i+1], "# ") {
				i++ // the rest is the goroutine dump
			}
		default:
			if len(run.Errors) < 100 {
				run.Errors = append(run.Errors, Problem{Package: pkg, Text: line})
			}
		}
	}
}

// analyzerInStack names the first conclint analyzer package in a stack.
func analyzerInStack(lines []string) string {
	for _, l := range lines {
		if _, rest, ok := strings.Cut(l, "/conclint/analyzers/"); ok {
			return strings.FieldsFunc(rest, func(r rune) bool { return r == '.' || r == '/' })[0]
		}
		if _, rest, ok := strings.Cut(l, "/conclint/internal/"); ok {
			return "internal/" + strings.FieldsFunc(rest, func(r rune) bool { return r == '.' || r == '/' })[0]
		}
	}
	return ""
}

func isInternal(text string) bool { return strings.Contains(text, "internal error") }

// relative makes a position independent of where the corpus lives.
func relative(posn, dir string) string {
	if rel, err := filepath.Rel(dir, posn); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return posn
}
