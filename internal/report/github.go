package report

import (
	"fmt"
	"io"
	"strings"
)

// WriteGitHub writes one GitHub Actions error annotation per finding:
//
//	::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=NAME::MESSAGE
//
// Paths are relative to root (the repository checkout) when inside it,
// which is what GitHub needs to attach the annotation to the diff.
func WriteGitHub(w io.Writer, findings []Finding, root string) error {
	for _, f := range findings {
		file, _ := relPath(root, f.Pos.Filename)
		_, err := fmt.Fprintf(w, "::error file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			escapeProperty(file), f.Pos.Line, f.Pos.Column, f.End.Line, f.End.Column,
			escapeProperty(f.Analyzer.Name), escapeData(f.Message))
		if err != nil {
			return err
		}
	}
	return nil
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
