package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Report is what the findings file holds.
type Report struct {
	Version  int
	Conclint string // git describe of the conclint source
	Flags    string
	Order    []string
	Entries  map[string]*Entry
}

// Entry is one corpus entry's measurements.
type Entry struct {
	Name     string
	Pattern  string
	Packages int      // packages the pattern matches (test variants not counted)
	Vet      *Measure `json:",omitempty"`
	Runs     []*Run
}

// Run is one conclint run on an entry.
type Run struct {
	Mode string
	Measure
	Findings []Finding
	Problems []Problem `json:",omitempty"` // panics and internal errors: must be none
	Errors   []Problem `json:",omitempty"` // other errors, e.g. packages with type errors
}

// Measure is the cost of one run.
type Measure struct {
	WallSeconds float64
	CPUSeconds  float64 // user+system of all processes: steadier than wall on a busy machine
	PeakRSSMB   float64 // largest single process
	ExitCode    int
}

// Finding is one diagnostic, its position relative to the entry.
type Finding struct {
	Analyzer string
	Rule     string `json:",omitempty"` // the rule ID; -diff ignores it
	Package  string
	Posn     string
	Message  string
}

func (f Finding) less(g Finding) bool {
	if f.Posn != g.Posn {
		return f.Posn < g.Posn
	}
	return f.Analyzer+f.Message < g.Analyzer+g.Message
}

// Problem is a panic or error, with the package and analyzer when known.
type Problem struct {
	Package  string `json:",omitempty"`
	Analyzer string `json:",omitempty"`
	Text     string
}

func (m Measure) String() string {
	return fmt.Sprintf("%.1f s / %.1f s / %.0f MB", m.WallSeconds, m.CPUSeconds, m.PeakRSSMB)
}

func (r *Report) write(path string) error {
	data, err := json.MarshalIndent(r, "", "\t")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func readReport(path string) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &r, nil
}

func (r *Report) panics() int {
	n := 0
	for _, e := range r.Entries {
		for _, run := range e.Runs {
			n += len(run.Problems)
		}
	}
	return n
}

func (e *Entry) summaryLine() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d packages", e.Name, e.Packages)
	if e.Vet != nil {
		fmt.Fprintf(&b, "; go vet %s", e.Vet)
	}
	for _, run := range e.Runs {
		fmt.Fprintf(&b, "; %s %s, %d findings, %d panics", run.Mode, run.Measure, len(run.Findings), len(run.Problems))
	}
	return b.String()
}

// printTable prints one markdown row per entry and mode, then every panic.
func (r *Report) printTable(w io.Writer) {
	fmt.Fprintf(w, "conclint %s %s\n\n", r.Conclint, r.Flags)
	fmt.Fprintln(w, "| entry | pkgs | mode | findings | panics | conclint wall / CPU / RSS | go vet wall / CPU / RSS | ratio wall / CPU / RSS |")
	fmt.Fprintln(w, "|---|---:|---|---|---:|---:|---:|---:|")
	for _, name := range r.Order {
		e := r.Entries[name]
		for _, run := range e.Runs {
			vet, ratio := "—", "—"
			if base := e.golangciBase(); run.Mode == modeGolangciConclint && base != nil {
				// golangci-lint's marginal cost: against its standard set, not go vet
				vet = base.String() + " (gclstd)"
				ratio = fmt.Sprintf("%.2f / %.2f / %.2f", run.WallSeconds/base.WallSeconds, run.CPUSeconds/base.CPUSeconds, run.PeakRSSMB/base.PeakRSSMB)
			} else if v := e.Vet; v != nil && !isGolangciMode(run.Mode) {
				vet = v.String()
				ratio = fmt.Sprintf("%.2f / %.2f / %.2f", run.WallSeconds/v.WallSeconds, run.CPUSeconds/v.CPUSeconds, run.PeakRSSMB/v.PeakRSSMB)
			}
			fmt.Fprintf(w, "| %s | %d | %s | %s | %d | %s | %s | %s |\n",
				name, e.Packages, run.Mode, countByAnalyzer(run.Findings), len(run.Problems), run.Measure.String(), vet, ratio)
		}
	}
	for _, name := range r.Order {
		for _, run := range r.Entries[name].Runs {
			for _, p := range run.Problems {
				fmt.Fprintf(w, "\nPANIC %s (%s) package %s analyzer %s:\n%s\n", name, run.Mode, p.Package, p.Analyzer, p.Text)
			}
			if len(run.Errors) > 0 {
				fmt.Fprintf(w, "\n%s (%s): %d error lines, first: %s\n", name, run.Mode, len(run.Errors), run.Errors[0].Text)
			}
		}
	}
}

// printRuleCounts prints, for the findings files given, how many findings
// each rule has per entry and in all (runs of the conclint mode only).
func printRuleCounts(w io.Writer, paths []string) error {
	total := make(map[string]int)
	for _, path := range paths {
		r, err := readReport(path)
		if err != nil {
			return err
		}
		for _, name := range r.Order {
			run := r.Entries[name].run("conclint")
			if run == nil {
				continue
			}
			counts := make(map[string]int)
			for _, f := range run.Findings {
				counts[cmp.Or(f.Rule, f.Analyzer)]++
				total[cmp.Or(f.Rule, f.Analyzer)]++
			}
			fmt.Fprintf(w, "%s: %s\n", name, renderCounts(counts))
		}
	}
	fmt.Fprintf(w, "all: %s\n", renderCounts(total))
	return nil
}

func renderCounts(counts map[string]int) string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, counts[k])
	}
	return strings.Join(parts, ", ")
}

// countByAnalyzer renders "5: droppedctx 3, other 2".
func countByAnalyzer(findings []Finding) string {
	counts := make(map[string]int)
	for _, f := range findings {
		counts[f.Analyzer]++
	}
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = fmt.Sprintf("%s %d", name, counts[name])
	}
	if len(parts) == 0 {
		return "0"
	}
	return fmt.Sprintf("%d: %s", len(findings), strings.Join(parts, ", "))
}

// diffFiles prints the findings that appeared (+) and disappeared (-)
// between two runs, per entry and mode present in both, and reports
// whether there were any.
func diffFiles(w io.Writer, oldPath, newPath string) (bool, error) {
	old, err := readReport(oldPath)
	if err != nil {
		return false, err
	}
	cur, err := readReport(newPath)
	if err != nil {
		return false, err
	}
	changed := false
	for _, name := range cur.Order {
		oldEntry, ok := old.Entries[name]
		if !ok {
			fmt.Fprintf(w, "%s: not in %s\n", name, oldPath)
			continue
		}
		for _, run := range cur.Entries[name].Runs {
			oldRun := oldEntry.run(run.Mode)
			if oldRun == nil {
				continue
			}
			added, removed := setDiff(run.Findings, oldRun.Findings), setDiff(oldRun.Findings, run.Findings)
			fmt.Fprintf(w, "%s (%s): %d → %d findings, +%d -%d\n", name, run.Mode, len(oldRun.Findings), len(run.Findings), len(added), len(removed))
			for _, f := range removed {
				fmt.Fprintf(w, "- %s %s: %s (%s)\n", name, f.Posn, f.Message, f.Analyzer)
			}
			for _, f := range added {
				fmt.Fprintf(w, "+ %s %s: %s (%s)\n", name, f.Posn, f.Message, f.Analyzer)
			}
			changed = changed || len(added)+len(removed) > 0
		}
	}
	return changed, nil
}

func (e *Entry) run(mode string) *Run {
	for _, r := range e.Runs {
		if r.Mode == mode {
			return r
		}
	}
	return nil
}

// setDiff returns the findings of a that b lacks.
func setDiff(a, b []Finding) []Finding {
	withoutRule := func(f Finding) Finding { f.Rule = ""; return f }
	in := make(map[Finding]bool, len(b))
	for _, f := range b {
		in[withoutRule(f)] = true
	}
	var out []Finding
	for _, f := range a {
		if !in[withoutRule(f)] {
			out = append(out, f)
		}
	}
	return out
}
