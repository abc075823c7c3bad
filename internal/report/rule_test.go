package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/rule"
)

// TestRuleIDs checks that every format names a finding's rule, and that
// SARIF has one rule per rule ID of the index.
func TestRuleIDs(t *testing.T) {
	root := t.TempDir()
	r := Result{Findings: findings(t, root)}
	for i := range r.Findings {
		r.Findings[i].Rule = "toy/bad"
	}
	rules := rule.NewIndex(map[string][]rule.Rule{"toy": {{
		ID: "toy/bad", Title: "a toy", Why: "toys break", Bad: "Bad()", Good: "Good()", Since: rule.FirstRelease,
	}}})

	var text, js, gh, sarif bytes.Buffer
	if err := WriteText(&text, r, Paths{Root: root}, -1); err != nil {
		t.Fatal(err)
	}
	if line, _, _ := strings.Cut(text.String(), "\n"); !strings.HasSuffix(line, "(toy/bad)") {
		t.Errorf("text: %q does not end with the rule ID", line)
	}
	if err := WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"category": "toy/bad"`) {
		t.Errorf("json: no category:\n%s", js.String())
	}
	if err := WriteGitHub(&gh, r, Paths{Root: root}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(gh.String(), "title=toy/bad::") {
		t.Errorf("github: no rule title:\n%s", gh.String())
	}
	if err := WriteSARIF(&sarif, Tool{Name: "conclint", InformationURI: "https://example.com"}, []*analysis.Analyzer{toy}, rules, r, root); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, sarif.Bytes(), "testdata/sarif-schema-2.1.0.json")
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Rules []struct{ ID string } }
			}
			Results []struct{ RuleID string }
		}
	}
	if err := json.Unmarshal(sarif.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, ru := range log.Runs[0].Tool.Driver.Rules {
		ids = append(ids, ru.ID)
	}
	if strings.Join(ids, " ") != "toy/bad toy/directive" {
		t.Errorf("sarif rules = %v, want toy/bad toy/directive", ids)
	}
	for _, res := range log.Runs[0].Results {
		if res.RuleID != "toy/bad" {
			t.Errorf("sarif result ruleId = %q", res.RuleID)
		}
	}
}
