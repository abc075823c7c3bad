package rule

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	good := Rule{ID: "toy/bad", Title: "a toy", Why: "w", Bad: "b", Good: "g", Since: FirstRelease, Options: []string{"strict"}, OptIn: "strict"}
	if err := Check("toy", []Rule{good}, []string{"strict"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		edit func(*Rule)
		want string
	}{
		{func(r *Rule) { r.ID = "other/bad" }, "is not toy/name"},
		{func(r *Rule) { r.ID = "toy/Bad" }, "is not toy/name"},
		{func(r *Rule) { r.Title = "A toy." }, "title"},
		{func(r *Rule) { r.Good = "" }, "must be set"},
		{func(r *Rule) { r.OptIn = "nosuch" }, "opt-in"},
		{func(r *Rule) { r.Options = []string{"nosuch"} }, "option"},
	} {
		r := good
		tc.edit(&r)
		if err := Check("toy", []Rule{r}, []string{"strict"}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want one mentioning %q", r, err, tc.want)
		}
	}
	if err := Check("toy", []Rule{good, good}, []string{"strict"}); err == nil || !strings.Contains(err.Error(), "repeated") {
		t.Errorf("repeated ID: %v", err)
	}
}

func TestIndex(t *testing.T) {
	ix := NewIndex(map[string][]Rule{"toy": {{ID: "toy/bad"}}})
	if r, ok := ix.Lookup("toy/directive"); !ok || r.Analyzer() != "toy" {
		t.Errorf("Lookup(toy/directive) = %+v, %v: every analyzer has its directive rule", r, ok)
	}
	if _, ok := ix.Lookup("toy/nosuch"); ok {
		t.Error("Lookup(toy/nosuch) found a rule")
	}
	if got := (Rule{ID: "toy/bad"}).Anchor(); got != "toybad" {
		t.Errorf("Anchor = %q", got)
	}
}
