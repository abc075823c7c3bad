package driver

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/report"
	"github.com/conclint/conclint/internal/vetdriver"
)

// vetTool returns the vet tool to run package patterns through go vet,
// and false when conclint must analyse in this process instead: when
// CONCLINT_DRIVER=standalone asks for it or no tool can be found.
func (o *options) vetTool() (string, bool) {
	if os.Getenv("CONCLINT_DRIVER") == "standalone" {
		return "", false
	}
	tool, err := vetdriver.Tool()
	return tool, err == nil
}

// toolFlags returns the flags for the vet tool: the analyzer flags as
// set, and -test=false, which the tool applies itself (go vet has no
// such flag; see notest.go).
func (o *options) toolFlags() []string {
	flags := slices.Clone(o.analyzerFlags)
	if !o.analysesTests() {
		flags = append(flags, "-test=false")
	}
	return flags
}

func (o *options) buildFlags() []string {
	if o.tags == "" {
		return nil
	}
	return []string{"-tags=" + o.tags}
}

// analyze runs the analyzers on the packages through go vet or in this
// process; both return the same result for the same code.
func analyze(o *options, suite []*analysis.Analyzer, paths report.Paths, stderr io.Writer) report.Result {
	var r report.Result
	if tool, ok := o.vetTool(); ok {
		p := startProgress(o, stderr)
		r = vetdriver.Analyze(tool, o.buildFlags(), o.toolFlags(), o.patterns, suite, stderr)
		p.stop()
	} else {
		r = analyzeInProcess(o, paths)
	}
	r.Normalize()
	o.applyConfig(&r)
	return r
}

// runAnalysis analyses the packages and prints the result in o.format:
// text on stderr, the others on stdout with failures repeated on stderr
// as text; then, for text and github, the summary line on stderr.
func runAnalysis(o *options, suite []*analysis.Analyzer, stdout, stderr io.Writer) int {
	paths := currentPaths()
	r := analyze(o, suite, paths, stderr)
	if o.writeBaseline != "" {
		return o.writeBaselineFile(r, stderr)
	}
	hidden := o.keepNew(&r)
	var err error
	switch o.format {
	case "text":
		err = report.WriteText(stderr, r, paths, o.context)
	case "json":
		err = report.WriteJSON(stdout, r)
	case "sarif":
		err = report.WriteSARIF(stdout, report.Tool{
			Name:           "conclint",
			Version:        Version(),
			InformationURI: "https://github.com/conclint/conclint",
			Severity:       o.severity(),
		}, o.analyzers, o.rules, r, paths.Root)
	case "github":
		err = report.WriteGitHub(stdout, r, paths)
	}
	if err != nil {
		fmt.Fprintf(stderr, "conclint: %v\n", err)
		return 1
	}
	if o.format != "text" {
		report.WriteText(stderr, report.Result{Failures: r.Failures}, paths, -1)
	}
	io.WriteString(stderr, hidden)
	// The summary is for people; -json and SARIF are read by programs,
	// some of which take every line on stderr for an error.
	if s := report.Summary(r); s != "" && (o.format == "text" || o.format == "github") {
		fmt.Fprintf(stderr, "conclint: %s\n", s)
	}
	return exitCode(o, r)
}

// exitCode is 1 when something failed, else 3 when there are findings in
// a format that is read by people (text, github), else 0.
func exitCode(o *options, r report.Result) int {
	switch {
	case len(r.Failures) > 0:
		return 1
	case len(r.Findings) > 0 && (o.format == "text" || o.format == "github"):
		return 3
	}
	return 0
}

// runFix applies the suggested fixes (through go fix, or multichecker in
// a child process), then says which files changed, analyses again and
// prints what remains. With
// -diff it prints the fixes as a diff and changes nothing. It exits 3
// when a diff was printed or findings remain.
func runFix(o *options, suite []*analysis.Analyzer, stdout, stderr io.Writer) int {
	if o.leavesOut() {
		return runFixFiltered(o, suite, stdout, stderr)
	}
	var diff bytes.Buffer
	out := stdout
	if o.diff {
		out = io.MultiWriter(stdout, &diff)
	}
	var before map[string]string
	if !o.diff {
		before = goFiles(o)
	}
	var code int
	var errOut bytes.Buffer
	errs := io.MultiWriter(stderr, &errOut)
	if tool, ok := o.vetTool(); ok {
		var flags []string
		if o.diff {
			flags = append(flags, "-diff")
		}
		code = vetdriver.Fix(tool, o.buildFlags(), append(flags, o.toolFlags()...), o.patterns, out, errs)
	} else {
		code = fixInChild(o, out, errs)
	}
	if o.diff {
		// go fix -diff exits 1 on a diff, multichecker 0; both print
		// nothing on stderr then.
		if diff.Len() > 0 && errOut.Len() == 0 {
			return 3
		}
		return code
	}
	if code != 0 {
		return 1
	}
	return afterFix(o, suite, changedFiles(before, goFiles(o)), stderr)
}

// runFixFiltered applies the fixes of the findings the configuration,
// -baseline and -new-from-rev leave in, itself (see applyFixes).
func runFixFiltered(o *options, suite []*analysis.Analyzer, stdout, stderr io.Writer) int {
	paths := currentPaths()
	r := analyze(o, suite, paths, stderr)
	o.keepNew(&r)
	changed, err := applyFixes(r, o.diff, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "conclint: -fix: %v\n", err)
		return 1
	}
	if len(r.Failures) > 0 {
		// As through go fix: the packages that load are fixed.
		report.WriteText(stderr, report.Result{Failures: r.Failures}, paths, -1)
		return 1
	}
	if o.diff {
		if len(changed) > 0 {
			return 3
		}
		return 0
	}
	return afterFix(o, suite, changed, stderr)
}

// afterFix says which files -fix changed, analyses again and prints what
// remains.
func afterFix(o *options, suite []*analysis.Analyzer, changed []string, stderr io.Writer) int {
	if o.newFromRev != "" {
		_ = o.loadNewOnly() // the fixes moved lines; it worked a moment ago
	}
	paths := currentPaths()
	if len(changed) > 0 {
		for i, f := range changed {
			changed[i] = paths.Show(f)
		}
		noun := "files"
		if len(changed) == 1 {
			noun = "file"
		}
		fmt.Fprintf(stderr, "conclint: -fix changed %d %s: %s\n", len(changed), noun, strings.Join(changed, ", "))
	} else {
		fmt.Fprintln(stderr, "conclint: -fix changed no file")
	}
	r := analyze(o, suite, paths, stderr)
	hidden := o.keepNew(&r)
	report.WriteText(stderr, r, paths, o.context)
	io.WriteString(stderr, hidden)
	if len(r.Findings) > 0 {
		fmt.Fprintf(stderr, "conclint: -fix applied the fixes it could; %s remain\n", report.Summary(r))
	}
	return exitCode(o, r)
}

// fixInChild runs multichecker's -fix on the packages in a child process
// (it exits when done), with -tags given to go list through GOFLAGS.
func fixInChild(o *options, stdout, stderr io.Writer) int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "conclint: %v\n", err)
		return 1
	}
	args := append([]string{"-fix"}, o.analyzerFlags...)
	if o.diff {
		args = append(args, "-diff")
	}
	if !o.analysesTests() {
		args = append(args, "-test=false")
	}
	cmd := exec.Command(exe, append(args, o.patterns...)...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.Env = append(os.Environ(), multicheckerEnv+"=1")
	if o.tags != "" {
		cmd.Env = append(cmd.Env, "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -tags="+o.tags))
	}
	if err := cmd.Run(); err != nil {
		if exit, ok := err.(*exec.ExitError); ok {
			return exit.ExitCode()
		}
		fmt.Fprintf(stderr, "conclint: %v\n", err)
		return 1
	}
	return 0
}

// multicheckerEnv set to 1 makes conclint multichecker itself.
const multicheckerEnv = "CONCLINT_MULTICHECKER"

// currentPaths says how to show file names: relative to the working
// directory, dependencies as module@version/file.
func currentPaths() report.Paths {
	root, _ := os.Getwd()
	p := report.Paths{Root: root}
	if out, err := exec.Command("go", "env", "GOMODCACHE", "GOROOT").Output(); err == nil {
		if lines := strings.Split(strings.TrimSpace(string(out)), "\n"); len(lines) == 2 {
			p.ModCache, p.GOROOT = lines[0], lines[1]
		}
	}
	return p
}

// goFiles returns the Go files of the packages and their contents, to
// tell which ones -fix changed.
func goFiles(o *options) map[string]string {
	args := append(append([]string{"list", "-e"}, o.buildFlags()...),
		"-f", `{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .TestGoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .XTestGoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}`)
	out, err := exec.Command("go", append(args, o.patterns...)...).Output()
	if err != nil {
		return nil
	}
	files := make(map[string]string)
	for _, f := range strings.Fields(string(out)) {
		data, _ := os.ReadFile(f)
		files[f] = string(data)
	}
	return files
}

// changedFiles returns the files whose content differs, sorted.
func changedFiles(before, after map[string]string) []string {
	var changed []string
	for f, content := range after {
		if old, ok := before[f]; ok && old != content {
			changed = append(changed, f)
		}
	}
	slices.Sort(changed)
	return changed
}
