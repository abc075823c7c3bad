package report

import (
	"fmt"
	"go/token"
	"io"
	"os"
	"slices"
	"strings"
)

// WriteText prints findings as "file:line:col: message (analyzer/rule)",
// as staticcheck and golangci-lint name the check after the message, with
// their related positions indented below and, when contextLines is not
// negative, that many source lines around each. Failures follow as go vet
// prints them: "# package" and the error.
func WriteText(w io.Writer, r Result, paths Paths, contextLines int) error {
	var b strings.Builder
	for _, f := range r.Findings {
		writeTextLine(&b, paths, f.Pos, f.End, f.Message+" ("+f.RuleID()+")", contextLines)
		for _, rel := range f.Related {
			writeTextLine(&b, paths, rel.Pos, rel.End, "\t"+rel.Message, contextLines)
		}
	}
	writeFailures(&b, r.Failures)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeTextLine(b *strings.Builder, paths Paths, pos, end token.Position, message string, contextLines int) {
	fmt.Fprintf(b, "%s: %s\n", showPos(paths, pos), message)
	if contextLines < 0 {
		return
	}
	if !end.IsValid() {
		end = pos
	}
	data, _ := os.ReadFile(pos.Filename)
	lines := strings.Split(string(data), "\n")
	for i := max(pos.Line-contextLines, 1); i <= end.Line+contextLines && i <= len(lines); i++ {
		fmt.Fprintf(b, "%d\t%s\n", i, lines[i-1])
	}
}

func writeFailures(b *strings.Builder, failures []Failure) {
	last := "\x00"
	for _, f := range failures {
		if f.Package != last && f.Package != "" {
			fmt.Fprintf(b, "# %s\n", f.Package)
		}
		last = f.Package
		if f.Analyzer != "" {
			fmt.Fprintf(b, "%s: %s\n", f.Analyzer, f.Message)
		} else {
			fmt.Fprintln(b, f.Message)
		}
	}
}

// showPos returns "file:line:col" with file shown as paths says.
func showPos(paths Paths, p token.Position) string {
	s := paths.Show(p.Filename)
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Column > 0 {
			s += fmt.Sprintf(":%d", p.Column)
		}
	}
	return s
}

// Summary returns the line printed on stderr after the findings:
// "12 findings (droppedctx 3, lockio 9)", plus the packages that failed;
// "" when there is nothing to say.
func Summary(r Result) string {
	var parts []string
	if n := len(r.Findings); n > 0 {
		counts := make(map[string]int)
		var names []string
		for _, f := range r.Findings {
			if counts[f.Analyzer.Name] == 0 {
				names = append(names, f.Analyzer.Name)
			}
			counts[f.Analyzer.Name]++
		}
		slices.Sort(names)
		var per []string
		for _, name := range names {
			per = append(per, fmt.Sprintf("%s %d", name, counts[name]))
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", plural(n, "finding"), strings.Join(per, ", ")))
	}
	if n := failedPackages(r.Failures); n > 0 {
		parts = append(parts, fmt.Sprintf("%s with errors", plural(n, "package")))
	} else if len(r.Failures) > 0 {
		parts = append(parts, plural(len(r.Failures), "error"))
	}
	return strings.Join(parts, "; ")
}

func failedPackages(failures []Failure) int {
	pkgs := make(map[string]bool)
	for _, f := range failures {
		if f.Package != "" {
			pkg, _, _ := strings.Cut(f.Package, " ")
			pkgs[pkg] = true
		}
	}
	return len(pkgs)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
