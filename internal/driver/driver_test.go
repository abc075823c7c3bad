package driver

import (
	"flag"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func testSuite() []*analysis.Analyzer {
	a := &analysis.Analyzer{Name: "droppedctx"}
	a.Flags.String("funcs", "", "")
	a.Flags.Bool("logging", false, "")
	return []*analysis.Analyzer{a, {Name: "lockio"}}
}

func TestParseArgs(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		format   string
		patterns []string
		forward  []string
	}{
		{[]string{"./..."}, "text", []string{"./..."}, nil},
		{[]string{"-format=sarif", "./..."}, "sarif", []string{"./..."}, nil},
		{[]string{"--format", "github", "-droppedctx=false", "./..."}, "github", []string{"./..."}, []string{"-droppedctx=false"}},
		{[]string{"-c", "3", "-json", "./..."}, "json", []string{"./..."}, nil},
		{[]string{"-droppedctx.funcs", "a,b", "-droppedctx.logging", "p"}, "text", []string{"p"}, []string{"-droppedctx.funcs=a,b", "-droppedctx.logging=true"}},
		{[]string{"-tags=x", "-test=false", "./...", "-format=sarif"}, "text", []string{"./...", "-format=sarif"}, nil}, // after a pattern: a pattern
	} {
		o, err := parseArgs(tc.args, testSuite())
		if err != nil || o.format != tc.format || !slices.Equal(o.patterns, tc.patterns) || !slices.Equal(o.analyzerFlags, tc.forward) {
			t.Errorf("parseArgs(%q) = %+v, %v; want format %q, patterns %q, analyzer flags %q", tc.args, o, err, tc.format, tc.patterns, tc.forward)
		}
	}
	for _, bad := range [][]string{
		{"-format=xml", "."}, {"-explain"}, {"-nosuch", "."}, {"-V=short"},
		{"-json", "-format=sarif", "."}, {"-fix", "-json", "."}, {"-droppedctx=maybe", "."},
	} {
		if _, err := parseArgs(bad, testSuite()); err == nil {
			t.Errorf("parseArgs(%q): no error", bad)
		}
	}
	if o, _ := parseArgs([]string{"-lockio", "."}, testSuite()); len(o.analyzers) != 1 || o.analyzers[0].Name != "lockio" {
		t.Errorf("-lockio runs %v", o.analyzers)
	}
}

func TestSelectAnalyzers(t *testing.T) {
	a, b, c := &analysis.Analyzer{Name: "a"}, &analysis.Analyzer{Name: "b"}, &analysis.Analyzer{Name: "c"}
	suite := []*analysis.Analyzer{a, b, c}
	for _, tc := range []struct {
		flags []string
		want  []*analysis.Analyzer
	}{
		{nil, suite},
		{[]string{"-b=false"}, []*analysis.Analyzer{a, c}},
		{[]string{"-b"}, []*analysis.Analyzer{b}},
		{[]string{"-a=true", "-c=false", "-b"}, []*analysis.Analyzer{a, b}},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		enabled := map[*analysis.Analyzer]*triState{}
		for _, an := range suite {
			enabled[an] = new(triState)
			fs.Var(enabled[an], an.Name, "")
		}
		if err := fs.Parse(tc.flags); err != nil {
			t.Fatal(err)
		}
		if got := selectAnalyzers(suite, enabled); !slices.Equal(got, tc.want) {
			t.Errorf("%q: got %v, want %v", tc.flags, got, tc.want)
		}
	}
}
