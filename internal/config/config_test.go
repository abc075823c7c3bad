package config

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, name string
		want          bool
	}{
		{"sub/**", "sub/a.go", true},
		{"sub/**", "sub/x/a.go", true},
		{"sub/**", "subx/a.go", false},
		{"**/*_test.go", "a_test.go", true},
		{"**/*_test.go", "x/y/a_test.go", true},
		{"**/*_test.go", "x/a.go", false},
		{"*.go", "x/a.go", false},
		{"x/*/a.go", "x/y/a.go", true},
		{"x/**/a.go", "x/a.go", true},
	} {
		if got := Match(c.pattern, c.name); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
}

func testSuite() []*analysis.Analyzer {
	a := &analysis.Analyzer{Name: "demo", Doc: "demo"}
	a.Flags.Bool("logging", false, "")
	a.Flags.String("names", "", "comma-separated names")
	return []*analysis.Analyzer{a}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, FileName)
	load := func(content string) (*Config, error) {
		if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return Load(file, FileName, testSuite())
	}
	c, err := load("enable: [demo]\nsettings:\n  demo:\n    Logging: true\n    names: [a, b]\nseverity:\n  demo: error\nexclude:\n  - gen/**\n  - path: x/*.go\n    analyzers: demo\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Settings) != 2 || c.Settings[0].Value != "true" || c.Settings[1].Value != "a,b" || c.Severity["demo"] != "error" || len(c.Excludes) != 2 {
		t.Errorf("got %+v", c)
	}
	if !c.Excluded("demo", filepath.Join(dir, "gen", "a.go")) || !c.Excluded("demo", filepath.Join(dir, "x", "a.go")) || c.Excluded("demo", filepath.Join(dir, "a.go")) {
		t.Errorf("excludes wrong")
	}
	if c, err := load(""); err != nil || c.Enable != nil {
		t.Errorf("empty file: %v, %v", c, err)
	}
	for content, want := range map[string]string{
		"enabel: [demo]\n":                       `.conclint.yml:1: enabel: unknown key (known: enable, disable, settings, severity, exclude)`,
		"enable: [demo, nosuch]\n":               `.conclint.yml:1: enable: no analyzer "nosuch" (analyzers: demo)`,
		"settings:\n  demo:\n    loging: true\n": `.conclint.yml:3: settings.demo.loging: unknown setting "loging" (known settings: logging, names)`,
		"severity:\n  demo: fatal\n":             `.conclint.yml:2: severity.demo: want warning or error, got "fatal"`,
		"exclude:\n  - analyzers: [demo]\n":      `.conclint.yml:2: exclude[0]: no path (use disable to turn an analyzer off everywhere)`,
		"exclude:\n  - path: 'a/['\n":            `.conclint.yml:2: exclude[0].path: bad glob "a/[": syntax error in pattern`,
		"enable: [demo\n":                        `.conclint.yml:1: did not find expected ',' or ']'`,
		"enable: []\n":                           `.conclint.yml:1: enable: empty list: name at least one analyzer, or leave out enable to run all`,
	} {
		if _, err := load(content); err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %s", content, err, want)
		}
	}
	// A value the flag rejects is caught when applied, with its line.
	c, err = load("settings:\n  demo:\n    logging: maybe\n")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Apply(FileName, func(string) bool { return false }); err == nil || err.Error() != `.conclint.yml:3: settings.demo.logging: invalid value "maybe": parse error` {
		t.Errorf("bad value: %v", err)
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	deep := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, FileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Find(deep); got != filepath.Join(dir, FileName) {
		t.Errorf("Find = %q", got)
	}
}
