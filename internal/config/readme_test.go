package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/config"
)

// TestReadmeExample loads the .conclint.yml shown in README.md, so that
// the example stays a valid file.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "# .conclint.yml\n")
	if !ok {
		t.Fatal("README.md has no .conclint.yml example")
	}
	example, _, _ := strings.Cut(rest, "```")
	file := filepath.Join(t.TempDir(), config.FileName)
	if err := os.WriteFile(file, []byte(example), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := config.Load(file, config.FileName, conclint.Suite)
	if err != nil {
		t.Fatalf("README example: %v\n%s", err, example)
	}
	if len(c.Disable) == 0 || len(c.Settings) == 0 || len(c.Severity) == 0 || len(c.Excludes) != 2 {
		t.Errorf("README example read as %+v", c)
	}
}
