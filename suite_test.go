package conclint_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/docgen"
)

// TestSuite enforces the house style mechanically.
func TestSuite(t *testing.T) {
	if err := analysis.Validate(conclint.Suite); err != nil {
		t.Fatal(err)
	}
	kebab := regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	seen := make(map[string]bool)
	for _, a := range conclint.Suite {
		if seen[a.Name] {
			t.Errorf("duplicate analyzer name %q", a.Name)
		}
		seen[a.Name] = true
		title := docgen.Title(a)
		if !strings.HasPrefix(a.Doc, a.Name+": ") {
			t.Errorf("%s: doc must start with %q", a.Name, a.Name+": ")
		}
		if title != strings.ToLower(title[:1])+title[1:] || strings.HasSuffix(title, ".") || len(title) > 60 {
			t.Errorf("%s: title %q must be lowercase, at most 60 characters, with no final period", a.Name, title)
		}
		if a.URL != "https://github.com/conclint/conclint#"+a.Name {
			t.Errorf("%s: URL is %q", a.Name, a.URL)
		}
		if _, err := os.Stat(filepath.Join("analyzers", a.Name, "testdata", "src")); err != nil {
			t.Errorf("%s: no testdata: %v", a.Name, err)
		}
		a.Flags.VisitAll(func(f *flag.Flag) {
			if !kebab.MatchString(f.Name) {
				t.Errorf("%s: flag %q is not kebab-case", a.Name, f.Name)
			}
		})
	}
}

// TestReadmeUpToDate fails when README.md's generated sections are stale.
func TestReadmeUpToDate(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := docgen.Splice(string(readme), docgen.Render(conclint.Suite, conclint.Rules()))
	if err != nil {
		t.Fatal(err)
	}
	if want != string(readme) {
		t.Error("README.md is stale: run go run ./internal/cmd/gendocs")
	}
	rules, err := os.ReadFile(docgen.RulesFile)
	if err != nil || string(rules) != docgen.RulesDoc(conclint.Suite, conclint.Rules()) {
		t.Errorf("%s is stale (%v): run go run ./internal/cmd/gendocs", docgen.RulesFile, err)
	}
}
