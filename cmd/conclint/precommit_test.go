package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestPreCommitHooks keeps .pre-commit-hooks.yaml right without needing
// pre-commit: every hook runs .pre-commit/conclint.sh with its args, the
// script builds cmd/conclint and nothing else ("language: golang" would
// go install ./..., the example and the developer tools too), and run as
// pre-commit runs it (in the user's repository, entry then args) it fails
// on a finding and shows it.
func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Entry, Language string
		Args                []string
		PassFilenames       *bool `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	const script = ".pre-commit/conclint.sh"
	ids := map[string]bool{}
	for _, h := range hooks {
		ids[h.ID] = true
		entry := strings.Fields(h.Entry)
		if h.Language != "script" || len(entry) == 0 || entry[0] != script || h.PassFilenames == nil || *h.PassFilenames ||
			len(h.Args) == 0 || h.Args[len(h.Args)-1] != "./..." {
			t.Errorf("hook %s: %+v; want language script, entry %s, pass_filenames false, args ending in ./...", h.ID, h, script)
		}
	}
	if !ids["conclint"] || !ids["conclint-fix"] {
		t.Errorf("hooks %v, want conclint and conclint-fix", ids)
	}
	path := filepath.Join(repoRoot, script)
	st, err := os.Stat(path)
	if err != nil || st.Mode()&0o111 == 0 {
		t.Fatalf("%s: %v, want an executable file", script, err)
	}
	src, _ := os.ReadFile(path)
	if builds := strings.Count(string(src), "go build"); builds != 1 || !strings.Contains(string(src), "./cmd/conclint;") || strings.Contains(string(src), "install") {
		t.Errorf("%s builds something else than ./cmd/conclint:\n%s", script, src)
	}
	abs, _ := filepath.Abs(path)
	dir := droppedModule(t)
	if r := run(t, dir, abs, "./..."); r.code != 3 || !strings.Contains(r.stderr, findingA) {
		t.Errorf("%s ./...: exit %d, want 3 and %s:\n%s%s", script, r.code, findingA, r.stdout, r.stderr)
	}
}
