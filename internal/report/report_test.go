package report

import (
	"bytes"
	"encoding/json"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"
	"golang.org/x/tools/go/analysis"
)

var toy = &analysis.Analyzer{
	Name: "toy",
	Doc:  "toy: report toys\n\nToys are reported because they are toys.",
	URL:  "https://example.com/toy",
}

// findings returns two findings in root/a.go (one with a fix, one on a
// line with non-ASCII text) and one outside root.
func findings(t *testing.T, root string) []Finding {
	src := "package a\n\nvar s = \"héllo😀\"; var x = Bad()\n"
	file := filepath.Join(root, "a.go")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	at := func(file string, line, col int) token.Position {
		return token.Position{Filename: file, Line: line, Column: col, Offset: col - 1}
	}
	badCol := strings.Index(strings.Split(src, "\n")[2], "Bad") + 1
	return []Finding{
		{Analyzer: toy, Pos: at(file, 1, 1), End: at(file, 1, 8), Message: "package a is a toy"},
		{
			Analyzer: toy, Pos: at(file, 3, badCol), End: at(file, 3, badCol+3), Message: "call of Bad, a toy: 100% bad,\nreally",
			Related: []Related{{Pos: at(file, 1, 1), End: at(file, 1, 8), Message: "declared here"}},
			Fixes:   []Fix{{Message: "Use Good", Edits: []Edit{{Start: at(file, 3, badCol), End: at(file, 3, badCol+3), NewText: "Good"}}}},
		},
		{Analyzer: toy, Pos: at("/elsewhere/b.go", 2, 3), End: at("/elsewhere/b.go", 2, 3), Message: "outside"},
	}
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	root := t.TempDir()
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, Tool{Name: "conclint", Version: "v0.0.1", InformationURI: "https://example.com"}, []*analysis.Analyzer{toy}, nil, Result{Findings: findings(t, root)}, root); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, buf.Bytes(), "testdata/sarif-schema-2.1.0.json")

	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID               string
						ShortDescription struct{ Text string }
						Help             struct{ Text string }
						HelpURI          string
					}
				}
			}
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
				Fixes []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion   struct{ ByteOffset, ByteLength int }
							InsertedContent struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	rule := run.Tool.Driver.Rules[0]
	if rule.ID != "toy" || rule.ShortDescription.Text != "report toys" || !strings.Contains(rule.Help.Text, "because") || rule.HelpURI != toy.URL {
		t.Errorf("rule = %+v", rule)
	}
	loc := run.Results[1].Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "a.go" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("location = %+v", loc.ArtifactLocation)
	}
	// Bad is at byte column 31; "é" is 2 bytes but 1 UTF-16 unit and "😀" 4 bytes but 2.
	if want := 31 - 3; loc.Region.StartColumn != want || loc.Region.EndColumn != want+3 {
		t.Errorf("region = %+v, want UTF-16 columns %d-%d", loc.Region, want, want+3)
	}
	rep := run.Results[1].Fixes[0].ArtifactChanges[0].Replacements[0]
	if rep.InsertedContent.Text != "Good" || rep.DeletedRegion.ByteLength != 3 {
		t.Errorf("replacement = %+v", rep)
	}
	if uri := run.Results[2].Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "file:///elsewhere/b.go" {
		t.Errorf("outside uri = %q", uri)
	}
}

// validateSARIF fails t unless data is valid against the SARIF 2.1.0
// schema at schemaPath.
func validateSARIF(t *testing.T, data []byte, schemaPath string) {
	t.Helper()
	schema, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewBytesLoader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors() {
		t.Errorf("SARIF schema: %s", e)
	}
}

func TestGitHub(t *testing.T) {
	root := t.TempDir()
	var buf bytes.Buffer
	if err := WriteGitHub(&buf, Result{Findings: findings(t, root)}, Paths{Root: root}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines:\n%s", len(lines), buf.String())
	}
	// GitHub columns stay byte columns, like go vet's.
	if want := "::warning file=a.go,line=3,col=31,endLine=3,endColumn=34,title=toy::call of Bad, a toy: 100%25 bad,%0Areally"; lines[1] != want {
		t.Errorf("got  %s\nwant %s", lines[1], want)
	}
	if !strings.HasPrefix(lines[2], "::warning file=/elsewhere/b.go,") {
		t.Errorf("outside root: %s", lines[2])
	}
}

// TestSeverity: a finding configured as an error is one in SARIF (result
// and rule), in GitHub annotations and in -json; others stay warnings.
func TestSeverity(t *testing.T) {
	root := t.TempDir()
	fs := findings(t, root)
	fs[0].Severity = "error"
	r := Result{Findings: fs}
	var sarifOut, github, jsonOut bytes.Buffer
	if err := WriteSARIF(&sarifOut, Tool{Name: "conclint", Severity: map[string]string{toy.Name: "error"}}, []*analysis.Analyzer{toy}, nil, r, root); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(sarifOut.String(), `"level": "error"`); n != 2 {
		t.Errorf("SARIF: %d error levels, want the rule's and one result's:\n%s", n, sarifOut.String())
	}
	if err := WriteGitHub(&github, r, Paths{Root: root}); err != nil {
		t.Fatal(err)
	}
	if got := github.String(); strings.Count(got, "::error ") != 1 || strings.Count(got, "::warning ") != len(fs)-1 {
		t.Errorf("GitHub:\n%s", got)
	}
	if err := WriteJSON(&jsonOut, r); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(jsonOut.String(), `"severity": "error"`); n != 1 {
		t.Errorf("JSON: %d severities, want 1:\n%s", n, jsonOut.String())
	}
}
