package driver

import (
	"fmt"
	"go/token"
	"io"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/report"
	"github.com/conclint/conclint/internal/vetdriver"
)

// vetTool returns the vet tool to run package patterns through go vet,
// and false when conclint must analyse standalone instead: when
// CONCLINT_DRIVER=standalone asks for it, or no tool can be found.
func vetTool() (string, bool) {
	if os.Getenv("CONCLINT_DRIVER") == "standalone" {
		return "", false
	}
	tool, err := vetdriver.Tool()
	return tool, err == nil
}

// runText analyses plan's packages through go vet and prints what the
// standalone driver prints (with -fix it applies the fixes through go fix
// instead): with -json the merged JSON tree on stdout,
// else one "file:line:col: message" line per finding on stderr (plus
// related lines, and -c lines of context). Exit codes are the standalone
// driver's too: 3 for findings, 1 when a package or analyzer failed.
func runText(stdout, stderr io.Writer, tool string, plan vetdriver.Plan, suite []*analysis.Analyzer) int {
	if plan.Fix {
		return vetdriver.Fix(tool, plan.Flags, plan.Patterns, stdout, stderr)
	}
	if plan.JSON {
		return vetdriver.Run(tool, append([]string{"-json"}, plan.Flags...), plan.Patterns, stdout, stderr)
	}
	findings, errs, code := vetdriver.Findings(tool, plan.Flags, plan.Patterns, suite, stderr)
	var out strings.Builder
	for _, f := range findings {
		printPlain(&out, f, plan.Context)
	}
	for _, err := range errs {
		fmt.Fprintln(&out, err)
	}
	io.WriteString(stderr, out.String())
	switch {
	case code != 0 || len(errs) > 0:
		return 1
	case len(findings) > 0:
		return 3
	}
	return 0
}

// printPlain prints a finding as the standalone driver does, with
// contextLines lines around each position when it is not negative.
func printPlain(w io.Writer, f report.Finding, contextLines int) {
	print := func(pos, end token.Position, message string) {
		fmt.Fprintf(w, "%s: %s\n", pos, message)
		if contextLines < 0 {
			return
		}
		if !end.IsValid() {
			end = pos
		}
		data, _ := os.ReadFile(pos.Filename)
		lines := strings.Split(string(data), "\n")
		for i := max(pos.Line-contextLines, 1); i <= end.Line+contextLines && i <= len(lines); i++ {
			fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
		}
	}
	print(f.Pos, f.End, f.Message)
	for _, r := range f.Related {
		print(r.Pos, r.End, "\t"+r.Message)
	}
}
