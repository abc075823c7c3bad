package driver

import (
	"slices"
	"testing"
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
