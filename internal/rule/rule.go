// Package rule describes conclint's rules: the distinct checks of an
// analyzer, each with a stable ID ("droppedctx/background"). A diagnostic
// carries its rule's ID as its Category; directives, SARIF, -explain, the
// README and docs/rules.md all name rules by it.
//
// Each analyzer documents its rules in one place, a Rules function in its
// rules.go, next to the ID constants its code reports with. The rule of a
// malformed directive (Directive) is every analyzer's.
package rule

import (
	"fmt"
	"regexp"
	"strings"
)

// A Rule is one check of an analyzer.
type Rule struct {
	ID          string   // "analyzer/name": stable, never reused for another check
	Title       string   // what is reported: one lowercase line, no final period
	Why         string   // the harm it does
	Bad, Good   string   // Go code: a positive and its fix
	NotReported []string // what looks alike but is deliberately left alone
	Options     []string // the analyzer's options (flag names) that change what it reports
	OptIn       string   // the boolean option that turns it on; "" when it is on by default
	Since       string   // the first release that reports it
}

// Analyzer returns the name of the analyzer the rule belongs to.
func (r Rule) Analyzer() string {
	name, _, _ := strings.Cut(r.ID, "/")
	return name
}

// Anchor is the rule's heading anchor in docs/rules.md, as GitHub
// renders headings ("droppedctx/background" becomes "droppedctxbackground").
func (r Rule) Anchor() string { return strings.ReplaceAll(r.ID, "/", "") }

// DocsURL is where the rule's generated documentation is published.
func (r Rule) DocsURL() string {
	return "https://github.com/conclint/conclint/blob/main/docs/rules.md#" + r.Anchor()
}

// FirstRelease is the Since of every rule written before the first tag.
const FirstRelease = "v0.1.0"

// Directive returns the rule under which analyzer reports a
// //conclint:ignore directive that it does not apply (no reason given).
func Directive(analyzer string) Rule {
	return Rule{
		ID:    analyzer + "/directive",
		Title: "a //conclint:ignore directive without a reason, which is not applied",
		Why:   "A suppression without a reason cannot be reviewed; the directive is not applied, so the finding it meant to hide is reported too.",
		Bad:   "//conclint:ignore " + analyzer + "\n",
		Good:  "//conclint:ignore " + analyzer + " the pool is closed by the caller\n",
		Since: FirstRelease,
	}
}

// Index is the rules of a suite, by analyzer name, each list ending with
// the analyzer's Directive rule.
type Index map[string][]Rule

// NewIndex indexes the rules of each analyzer and adds its Directive rule.
func NewIndex(rules map[string][]Rule) Index {
	ix := make(Index, len(rules))
	for name, list := range rules {
		ix[name] = append(append([]Rule(nil), list...), Directive(name))
	}
	return ix
}

// Lookup returns the rule with the given ID.
func (ix Index) Lookup(id string) (Rule, bool) {
	name, _, _ := strings.Cut(id, "/")
	for _, r := range ix[name] {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9]*/[a-z][a-z0-9]*$`)

// Check reports the first defect of analyzer's rules: an ID that is not
// "analyzer/name" in lowercase letters and digits, a repeated ID, a
// missing title, reason, example or release, an option or opt-in that
// is not one of the analyzer's options.
func Check(analyzer string, rules []Rule, options []string) error {
	seen := make(map[string]bool)
	known := make(map[string]bool)
	for _, o := range options {
		known[o] = true
	}
	for _, r := range rules {
		switch {
		case !idPattern.MatchString(r.ID) || r.Analyzer() != analyzer:
			return fmt.Errorf("rule ID %q is not %s/name in lowercase letters and digits", r.ID, analyzer)
		case seen[r.ID]:
			return fmt.Errorf("rule ID %q repeated", r.ID)
		case r.Title == "" || r.Title != strings.ToLower(r.Title[:1])+r.Title[1:] || strings.HasSuffix(r.Title, "."):
			return fmt.Errorf("%s: title %q must be set, lowercase, with no final period", r.ID, r.Title)
		case r.Why == "" || r.Bad == "" || r.Good == "" || r.Since == "":
			return fmt.Errorf("%s: Why, Bad, Good and Since must be set", r.ID)
		case r.OptIn != "" && !known[r.OptIn]:
			return fmt.Errorf("%s: opt-in %q is not an option of %s", r.ID, r.OptIn, analyzer)
		}
		for _, o := range r.Options {
			if !known[o] {
				return fmt.Errorf("%s: option %q is not an option of %s", r.ID, o, analyzer)
			}
		}
		seen[r.ID] = true
	}
	return nil
}
