package report

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// WriteGitHub writes one GitHub Actions annotation per finding, at the
// severity SARIF gives it:
//
//	::warning file=F,line=L,col=C,endLine=EL,endColumn=EC,title=ANALYZER/RULE::MESSAGE
//
// and one ::error per failure, on the line of the error when it names one. Paths are shown as paths says: relative to
// the working directory (the repository checkout) when inside it, which
// is what GitHub needs to attach the annotation to the diff.
func WriteGitHub(w io.Writer, r Result, paths Paths) error {
	var b strings.Builder
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", f.Level(),
			escapeProperty(paths.Show(f.Pos.Filename)), f.Pos.Line, f.Pos.Column, f.End.Line, f.End.Column,
			escapeProperty(f.RuleID()), escapeData(f.Message))
	}
	for _, f := range r.Failures {
		title := "conclint"
		if f.Package != "" {
			title += ": " + f.Package
		}
		if f.Analyzer != "" {
			title += ": " + f.Analyzer
		}
		var where string
		if file, line, col, ok := leadingPosition(f.Message); ok {
			where = fmt.Sprintf("file=%s,line=%d,col=%d,", escapeProperty(file), line, col)
		}
		fmt.Fprintf(&b, "::error %stitle=%s::%s\n", where, escapeProperty(title), escapeData(f.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeData escapes a workflow command's message, as the Actions toolkit
// (toolkit/packages/core/src/command.ts) does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// leadingPosition returns the "file.go:line:col" a package error starts
// with, so that its annotation lands on the line.
func leadingPosition(msg string) (file string, line, col int, ok bool) {
	m := errorPosition.FindStringSubmatch(msg)
	if m == nil {
		return "", 0, 0, false
	}
	line, _ = strconv.Atoi(m[2])
	col, _ = strconv.Atoi(m[3])
	return m[1], line, col, true
}

var errorPosition = regexp.MustCompile(`^([^\s:]+\.go):(\d+):(\d+): `)
