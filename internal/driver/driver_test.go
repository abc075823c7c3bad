package driver

import (
	"flag"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestSplitOwnFlags(t *testing.T) {
	values := map[string]bool{"c": true, "droppedctx.funcs": true}
	for _, tc := range []struct {
		args         []string
		format, expl string
		rest         []string
	}{
		{[]string{"./..."}, "", "", []string{"./..."}},
		{[]string{"-format=sarif", "./..."}, "sarif", "", []string{"./..."}},
		{[]string{"--format", "github", "-droppedctx=false", "./..."}, "github", "", []string{"-droppedctx=false", "./..."}},
		{[]string{"-c", "3", "-format", "sarif", "./..."}, "sarif", "", []string{"-c", "3", "./..."}},
		{[]string{"-droppedctx.funcs", "a,b", "-format=github", "p"}, "github", "", []string{"-droppedctx.funcs", "a,b", "p"}},
		{[]string{"-explain", "droppedctx"}, "", "droppedctx", nil},
		{[]string{"./...", "-format=sarif"}, "", "", []string{"./...", "-format=sarif"}}, // after a pattern: a pattern
		{[]string{"-fix", "--", "-format=sarif"}, "", "", []string{"-fix", "--", "-format=sarif"}},
	} {
		own, rest, err := splitOwnFlags(tc.args, values)
		if err != nil || own.format != tc.format || own.explain != tc.expl || !slices.Equal(rest, tc.rest) {
			t.Errorf("splitOwnFlags(%q) = %+v, %q, %v; want format %q explain %q rest %q", tc.args, own, rest, err, tc.format, tc.expl, tc.rest)
		}
	}
	for _, bad := range [][]string{{"-format=xml", "."}, {"-explain"}} {
		if _, _, err := splitOwnFlags(bad, values); err == nil {
			t.Errorf("splitOwnFlags(%q): no error", bad)
		}
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
