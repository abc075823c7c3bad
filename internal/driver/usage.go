package driver

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/docgen"
)

// usage prints what conclint help prints.
func usage(w io.Writer, suite []*analysis.Analyzer) {
	var names strings.Builder
	for _, a := range suite {
		fmt.Fprintf(&names, "  %-16s %s\n", a.Name, docgen.Title(a))
	}
	fmt.Fprintf(w, usageText, names.String())
}

const usageText = `conclint finds concurrency mistakes in Go services.

Usage:
  conclint [flags] packages     analyse packages (./... for the module)
  conclint help [NAME]          this text, or the documentation of analyzer
                                or rule NAME (droppedctx, droppedctx/goroutine)
  conclint version              the version (-V, or -V=full with the build ID)

Analyzers:
%s
Flags (before the packages):
  -NAME=false          run every analyzer but NAME; -NAME runs only NAME
  -NAME.FLAG=VALUE     set an analyzer's flag (conclint help NAME lists them)
  -format=FORMAT       text (default; findings on stderr), json (= -json,
                       go vet's JSON on stdout), sarif (SARIF 2.1.0 on stdout)
                       or github (GitHub Actions annotations on stdout)
  -json                go vet's JSON on stdout
  -tags=a,b            build tags, as for go build and go vet
  -test=false          leave out test files (they are left out anyway while
                       no -NAME.tests asks to check them)
  -c=N                 print N lines of source around each finding
  -fix                 apply the suggested fixes; -fix -diff prints them as a
                       unified diff instead
  -progress            report progress on stderr even when it is no terminal
  -explain=NAME        same as conclint help NAME (an analyzer or a rule)
  -config=FILE         the configuration file (default: the nearest
                       .conclint.yml above the working directory;
                       -config= for none); flags given here override it
  -write-baseline=FILE record today's findings in FILE (exit 0)
  -baseline=FILE       report only findings FILE does not record (matched by
                       analyzer, file, function and message, not by line)
  -new-from-rev=REV    report only findings on lines changed since git REV

Exit codes:
  0  nothing reported (and always with -json or -format=sarif, whose output
     is the result, unless a package failed)
  1  a package failed to load or type-check, or an analyzer failed
  2  a usage error: unknown flag, bad value, no packages; a mistake in the
     configuration file, a missing -baseline file, -new-from-rev outside a
     git repository
  3  findings reported (text, github); -fix left findings it cannot fix;
     -fix -diff printed a diff

conclint runs through go vet (go vet -vettool=conclint), which caches
results per package; CONCLINT_DRIVER=standalone analyses in this process.
More: https://github.com/conclint/conclint
`
