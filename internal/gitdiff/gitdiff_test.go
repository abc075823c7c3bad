package gitdiff

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	diff := `diff --git a/a.go b/a.go
--- a/a.go
+++ b/a.go
@@ -3 +3 @@ func f() {
-	old
+	new
@@ -10,0 +11,2 @@ func g() {
+	one
+	two
@@ -20,2 +21,0 @@ func h() {
-	gone
-	gone
diff --git a/gone.go b/gone.go
--- a/gone.go
+++ /dev/null
@@ -1,3 +0,0 @@
`
	c := &Changes{lines: map[string]map[int]bool{}, whole: map[string]bool{}}
	if err := c.parse("/r", []byte(diff)); err != nil {
		t.Fatal(err)
	}
	a := filepath.Join("/r", "a.go")
	for line, want := range map[int]bool{2: false, 3: true, 4: false, 10: false, 11: true, 12: true, 13: false, 21: false} {
		if got := c.Changed(a, line); got != want {
			t.Errorf("line %d: changed %v, want %v", line, got, want)
		}
	}
}

func TestSince(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	gitIn := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Since(dir, "HEAD"); err == nil || !strings.Contains(err.Error(), "not in a git repository") {
		t.Errorf("outside a repository: %v", err)
	}
	gitIn("init", "-q")
	write("a.go", "1\n2\n3\n")
	gitIn("add", ".")
	gitIn("commit", "-qm", "first")
	write("a.go", "1\nchanged\n3\n")
	write("new.go", "1\n")
	c, err := Since(dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(dir)
	if c.Changed(filepath.Join(real, "a.go"), 1) || !c.Changed(filepath.Join(real, "a.go"), 2) || !c.Changed(filepath.Join(real, "new.go"), 1) {
		t.Errorf("changes: %+v", c)
	}
	if _, err := Since(dir, "nosuchrev"); err == nil || !strings.Contains(err.Error(), `"nosuchrev" is not a revision`) {
		t.Errorf("bad revision: %v", err)
	}
}
