package toolbuild

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRequiredVersion(t *testing.T) {
	dir := t.TempDir()
	gomod := "module example.com/tool\n\ngo 1.26\n\nrequire (\n\tgolang.org/x/mod v0.37.0\n\tgolang.org/x/tools v0.47.1-0.20260707181000-a299dadba899\n)\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	if v, err := requiredVersion(dir, toolsModule); err != nil || v != "v0.47.1-0.20260707181000-a299dadba899" {
		t.Errorf("requiredVersion(x/tools) = %q, %v", v, err)
	}
	if v, err := requiredVersion(dir, "golang.org/x/sync"); err == nil || !strings.Contains(err.Error(), "golang.org/x/sync") {
		t.Errorf("requiredVersion(x/sync) = %q, %v; want an error naming the module", v, err)
	}
}

func TestHashSourcesSeesOnlyWhatTheBuildCompiles(t *testing.T) {
	root := t.TempDir()
	write := func(name, content string) {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module m\n")
	write("a/a.go", "package a\n")
	base, err := hashSources(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a/a_test.go", "a/testdata/x.go", "examples/e.go", "bin/b.go", "README.md"} {
		write(name, "package x\n")
		if h, _ := hashSources(root); h != base {
			t.Errorf("adding %s changed the hash", name)
		}
	}
	write("a/b.go", "package a\n")
	if h, _ := hashSources(root); h == base {
		t.Error("adding a/b.go left the hash as it was")
	}
}

func TestWorkDirIsPerCheckout(t *testing.T) {
	a := workDir("/cache", "buildgopls", "/work/a")
	b := workDir("/cache", "buildgopls", "/work/b")
	if a == b {
		t.Errorf("two checkouts share the work directory %s", a)
	}
	if again := workDir("/cache", "buildgopls", "/work/a"); again != a {
		t.Errorf("one checkout got two work directories: %s, %s", a, again)
	}
	if g := workDir("/cache", "buildgcl", "/work/a"); g == a {
		t.Errorf("two builders share the work directory %s", a)
	}
	if !strings.HasPrefix(a, "/cache/conclint/buildgopls/") {
		t.Errorf("work directory %s is not under the builder's cache directory", a)
	}
}
