package driver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/config"
	"github.com/conclint/conclint/internal/rule"
)

// options is a parsed conclint command line. Every flag conclint accepts
// is declared once, in newFlagSet; both routes read this.
type options struct {
	format   string // text, json, sarif or github
	explain  string
	tags     string
	fix      bool
	diff     bool
	tests    bool
	context  int  // -c: lines of context around a finding, -1 for none
	progress bool // print progress on stderr even when it is no terminal
	version  string
	help     bool
	config   optionalString // -config=FILE; -config= for none; unset: look for .conclint.yml

	baseline      string // -baseline=FILE: report only findings not in FILE
	writeBaseline string // -write-baseline=FILE
	newFromRev    string // -new-from-rev=REV: only findings on lines changed since REV
	only          newOnly

	// inProcessOnly names a flag that only the in-process driver has
	// (profiles, -debug): the command line goes to multichecker unchanged.
	inProcessOnly string

	analyzers     []*analysis.Analyzer // the enabled analyzers
	rules         rule.Index           // their rules, for SARIF
	analyzerFlags []string             // -NAME and -NAME.FLAG as set, for go vet to pass on
	patterns      []string

	set     map[string]bool                  // the flags given on the command line
	enabled map[*analysis.Analyzer]*triState // -NAME as given
	cfg     *config.Config                   // nil without a configuration file
}

// errUsage is returned for a command line that cannot run; the caller
// prints it with a hint and exits 2.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

// parseArgs parses conclint's command line: flags, then package patterns.
// Analyzer flags (-NAME.FLAG) are bound to the analyzers' own flag values,
// so that the in-process route sees them; the go vet route passes them on.
func parseArgs(args []string, suite []*analysis.Analyzer) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("conclint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var jsonOut bool
	fs.StringVar(&o.format, "format", "text", "")
	fs.BoolVar(&jsonOut, "json", false, "")
	fs.StringVar(&o.explain, "explain", "", "")
	fs.StringVar(&o.tags, "tags", "", "")
	fs.BoolVar(&o.fix, "fix", false, "")
	fs.BoolVar(&o.diff, "diff", false, "")
	fs.BoolVar(&o.tests, "test", true, "")
	fs.IntVar(&o.context, "c", -1, "")
	fs.BoolVar(&o.progress, "progress", false, "")
	fs.Var(&o.config, "config", "")
	fs.StringVar(&o.baseline, "baseline", "", "")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "")
	fs.StringVar(&o.newFromRev, "new-from-rev", "", "")
	fs.Var(versionValue{&o.version}, "V", "")
	for _, name := range []string{"h", "help"} {
		fs.BoolVar(&o.help, name, false, "")
	}
	inProcess := map[string]*string{}
	for _, name := range []string{"debug", "cpuprofile", "memprofile", "trace"} {
		inProcess[name] = fs.String(name, "", "")
	}
	enabled := make(map[*analysis.Analyzer]*triState)
	for _, a := range suite {
		enabled[a] = new(triState)
		fs.Var(enabled[a], a.Name, "")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			o.help = true
			return o, nil
		}
		return nil, errUsage{err.Error()}
	}
	if jsonOut {
		if o.format != "text" {
			return nil, errUsage{"-json cannot be combined with -format=" + o.format}
		}
		o.format = "json"
	}
	switch o.format {
	case "text", "json", "sarif", "github":
	default:
		return nil, errUsage{fmt.Sprintf("unknown -format %q (want text, sarif or github)", o.format)}
	}
	if o.diff && !o.fix {
		o.fix = true // -diff alone shows what -fix would do
	}
	if o.fix && o.format != "text" {
		return nil, errUsage{"-fix prints a diff or rewrites files; it cannot be combined with -json or -format=" + o.format}
	}
	o.set = make(map[string]bool)
	fs.Visit(func(f *flag.Flag) {
		o.set[f.Name] = true
		if inProcess[f.Name] != nil {
			o.inProcessOnly = f.Name
		}
		if _, ok := suiteFlag(suite, f.Name); ok {
			o.analyzerFlags = append(o.analyzerFlags, "-"+f.Name+"="+f.Value.String())
		}
	})
	o.enabled = enabled
	o.analyzers = selectAnalyzers(suite, enabled)
	o.patterns = fs.Args()
	return o, nil
}

// analysesTests reports whether the packages' _test.go files are
// analysed: with -test (the default) when an enabled analyzer reports in
// them (see checksTests).
func (o *options) analysesTests() bool {
	return o.tests && checksTests(o.analyzers, o.analyzerFlags)
}

// suiteFlag reports whether name is -NAME or -NAME.FLAG of an analyzer.
func suiteFlag(suite []*analysis.Analyzer, name string) (*analysis.Analyzer, bool) {
	prefix, _, _ := strings.Cut(name, ".")
	for _, a := range suite {
		if a.Name == prefix {
			return a, true
		}
	}
	return nil, false
}

// selectAnalyzers applies multichecker's rule: if any -NAME=true flag is
// given, run only those analyzers; otherwise run all but the -NAME=false.
func selectAnalyzers(suite []*analysis.Analyzer, enabled map[*analysis.Analyzer]*triState) []*analysis.Analyzer {
	anyTrue := false
	for _, ts := range enabled {
		anyTrue = anyTrue || *ts == setTrue
	}
	var out []*analysis.Analyzer
	for _, a := range suite {
		if (anyTrue && *enabled[a] == setTrue) || (!anyTrue && *enabled[a] != setFalse) {
			out = append(out, a)
		}
	}
	return out
}

// versionValue is -V (a short version) and -V=full (go vet's protocol).
type versionValue struct{ dst *string }

func (v versionValue) IsBoolFlag() bool { return true }
func (v versionValue) String() string {
	if v.dst == nil {
		return ""
	}
	return *v.dst
}
func (v versionValue) Set(s string) error {
	switch s {
	case "true", "full":
		*v.dst = s
		return nil
	}
	return fmt.Errorf("want -V or -V=full")
}

// optionalString is a string flag that knows whether it was set.
type optionalString struct {
	value string
	set   bool
}

func (s *optionalString) Set(v string) error { s.value, s.set = v, true; return nil }
func (s *optionalString) String() string     { return s.value }

// triState is a boolean flag that knows whether it was set.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) Set(s string) error {
	switch strings.ToLower(s) {
	case "true", "1", "t":
		*ts = setTrue
	case "false", "0", "f":
		*ts = setFalse
	default:
		return fmt.Errorf("want true or false, got %q", s)
	}
	return nil
}

func (ts *triState) String() string {
	switch *ts {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

func (ts *triState) IsBoolFlag() bool { return true }
