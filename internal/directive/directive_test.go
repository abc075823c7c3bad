package directive

import (
	"maps"
	"slices"
	"testing"
)

func TestParseDirective(t *testing.T) {
	for _, tc := range []struct {
		text   string
		names  []string // nil: not a directive
		reason string
	}{
		{"//conclint:ignore droppedctx the probe must not be canceled", []string{"droppedctx"}, "the probe must not be canceled"},
		{"//conclint:ignore droppedctx/goroutine,lockio why", []string{"droppedctx/goroutine", "lockio"}, "why"},
		{"//conclint:ignore droppedctx // trailing comment", []string{"droppedctx"}, ""},
		{"//conclint:ignorex droppedctx why", nil, ""},
		{"//conclint:ignore", nil, ""},
		{"//nolint", []string{"all"}, ""},
		{"//nolint // why", []string{"all"}, ""},
		{"//nolint:droppedctx/variant,lockio // why", []string{"droppedctx/variant", "lockio"}, ""},
		{"//nolintx", nil, ""},
		{"// plain comment", nil, ""},
	} {
		names, reason, ok := parseDirective(tc.text)
		if ok != (tc.names != nil) {
			t.Errorf("%q: directive = %v", tc.text, ok)
			continue
		}
		got := slices.Sorted(maps.Keys(names))
		if ok && (!slices.Equal(got, tc.names) || reason != tc.reason) {
			t.Errorf("%q: names %v reason %q, want %v %q", tc.text, got, reason, tc.names, tc.reason)
		}
	}
}

func TestCovers(t *testing.T) {
	r := &Reporter{name: "droppedctx"}
	for _, tc := range []struct {
		names []string
		rule  string
		want  bool
	}{
		{[]string{"droppedctx"}, "droppedctx/variant", true},
		{[]string{"all"}, "droppedctx/variant", true},
		{[]string{"droppedctx/variant"}, "droppedctx/variant", true},
		{[]string{"droppedctx/background"}, "droppedctx/variant", false},
		{[]string{"lockio"}, "droppedctx/variant", false},
		{[]string{"droppedctx/variant"}, "", false},
	} {
		names := make(map[string]bool)
		for _, n := range tc.names {
			names[n] = true
		}
		if got := r.covers(names, tc.rule); got != tc.want {
			t.Errorf("%v covers %q = %v, want %v", tc.names, tc.rule, got, tc.want)
		}
		if got := r.mentioned(names); got != (tc.names[0] != "lockio") {
			t.Errorf("%v mentioned = %v", tc.names, got)
		}
	}
}
