package main_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tests of adopting conclint on an existing codebase: a configuration
// file, a baseline, -new-from-rev.

// droppedSource is a file with one droppedctx finding, in forget.
const droppedSource = `package %s

import (
	"context"
	"time"
)

func wait(ctx context.Context) {
	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
	}
}

func forget(ctx context.Context) {
	wait(context.Background())
}
`

// droppedModule returns a module with the droppedSource finding in a.go
// and in sub/s.go. It imports little, to keep the runs short.
func droppedModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "a.go"), strings.Replace(droppedSource, "%s", "m", 1))
	write(t, filepath.Join(dir, "sub", "s.go"), strings.Replace(droppedSource, "%s", "sub", 1))
	return dir
}

const (
	findingA   = "a.go:16:7: context.Background discards the context in scope (ctx)"
	findingSub = "sub/s.go:16:7: context.Background discards the context in scope (ctx)"
)

// TestConfig: .conclint.yml, found from a subdirectory too, excludes
// paths, sets a severity shown in -format=github and -json, chooses the
// analyzers, and the command line overrides it; on both routes.
func TestConfig(t *testing.T) {
	dir := droppedModule(t)
	write(t, filepath.Join(dir, ".conclint.yml"), `# adoption
severity:
  droppedctx: error
exclude:
  - path: "sub/**"
    analyzers: [droppedctx]
settings:
  droppedctx:
    tests: false
`)
	for route, env := range routes {
		r := runEnv(t, env, dir, "-format=github", "./...")
		if r.code != 3 || !strings.Contains(r.stdout, "::error file=a.go,line=16") || strings.Contains(r.stdout, "sub/s.go") {
			t.Errorf("%s: github: exit %d, want 3, a.go as ::error and no sub/s.go:\n%s%s", route, r.code, r.stdout, r.stderr)
		}
		r = runEnv(t, env, dir, "-json", "./...")
		if r.code != 0 || strings.Count(r.stdout, `"severity": "error"`) != 1 {
			t.Errorf("%s: -json: exit %d, want one finding with severity error:\n%s%s", route, r.code, r.stdout, r.stderr)
		}
		// From a subdirectory the file is found above; paths in it stay
		// relative to the file.
		if r := runEnv(t, env, filepath.Join(dir, "sub"), "../..."); r.code != 3 || !strings.Contains(r.stderr, findingA) || strings.Contains(r.stderr, "s.go:16") {
			t.Errorf("%s: from sub: exit %d:\n%s", route, r.code, r.stderr)
		}
		// -config= runs without the file.
		if r := runEnv(t, env, dir, "-config=", "./..."); r.code != 3 || !strings.Contains(r.stderr, findingSub) {
			t.Errorf("%s: -config=: exit %d:\n%s", route, r.code, r.stderr)
		}
	}
	// enable chooses the analyzers; -NAME on the command line overrides it.
	write(t, filepath.Join(dir, "other.yml"), "enable: [lockio]\n")
	for route, env := range routes {
		if r := runEnv(t, env, dir, "-config=other.yml", "./..."); r.code != 0 || r.stderr != "" {
			t.Errorf("%s: enable lockio: exit %d, want 0 and nothing:\n%s", route, r.code, r.stderr)
		}
		if r := runEnv(t, env, dir, "-config=other.yml", "-droppedctx", "./..."); r.code != 3 || !strings.Contains(r.stderr, findingSub) {
			t.Errorf("%s: -droppedctx over enable lockio: exit %d:\n%s", route, r.code, r.stderr)
		}
	}
}

// TestBadConfig: a mistake in the configuration file is one line naming
// the file, the line and the key, exit 2, before anything is analysed.
func TestBadConfig(t *testing.T) {
	dir := droppedModule(t)
	for content, want := range map[string]string{
		"settings:\n  droppedctx:\n    loging: true\n":   `conclint: .conclint.yml:3: settings.droppedctx.loging: unknown setting "loging" (known settings: `,
		"settings:\n  droppedctx:\n    logging: maybe\n": `conclint: .conclint.yml:3: settings.droppedctx.logging: invalid value "maybe": parse error`,
		"severity:\n  droppedctx: high\n":                `conclint: .conclint.yml:2: severity.droppedctx: want warning or error, got "high"`,
		"disable: [droppedcxt]\n":                        `conclint: .conclint.yml:1: disable: no analyzer "droppedcxt" (analyzers: `,
	} {
		write(t, filepath.Join(dir, ".conclint.yml"), content)
		for route, env := range routes {
			r := runEnv(t, env, dir, "./...")
			if r.code != 2 || !strings.HasPrefix(r.stderr, want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("%s: %q: exit %d, want 2 and %s...:\n%s", route, content, r.code, want, r.stderr)
			}
		}
	}
	if r := run(t, dir, bin, "-config=missing.yml", "./..."); r.code != 2 || r.stderr != "conclint: -config: missing.yml does not exist\n" {
		t.Errorf("-config=missing.yml: exit %d: %s", r.code, r.stderr)
	}
}

// TestBaseline: -write-baseline records today's findings; -baseline hides
// them after lines shift and still shows a new one, also a second
// identical finding in the same function; on both routes.
func TestBaseline(t *testing.T) {
	for route, env := range routes {
		dir := droppedModule(t)
		if r := runEnv(t, env, dir, "-write-baseline=conclint-baseline.json", "./..."); r.code != 0 || r.stderr != "conclint: recorded 2 findings in conclint-baseline.json\n" {
			t.Fatalf("%s: -write-baseline: exit %d: %s", route, r.code, r.stderr)
		}
		if r := runEnv(t, env, dir, "-baseline=conclint-baseline.json", "./..."); r.code != 0 || r.stderr != "conclint: 2 findings recorded in conclint-baseline.json not shown\n" {
			t.Errorf("%s: unchanged: exit %d: %s", route, r.code, r.stderr)
		}
		// Shift every line of a.go, and add the same finding again in
		// forget and once in a new function.
		shifted := strings.Replace(droppedSource, "%s", "m", 1)
		shifted = strings.Replace(shifted, "import (", "// Package m shifts.\n\nimport (", 1)
		shifted = strings.Replace(shifted, "\twait(context.Background())\n", "\twait(context.Background())\n\twait(context.Background())\n", 1)
		shifted += "\nfunc another(ctx context.Context) {\n\twait(context.Background())\n}\n"
		write(t, filepath.Join(dir, "a.go"), shifted)
		r := runEnv(t, env, dir, "-baseline=conclint-baseline.json", "./...")
		want := "a.go:19:7: context.Background discards the context in scope (ctx)"
		wantAnother := "a.go:23:7: context.Background discards the context in scope (ctx)"
		if r.code != 3 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, wantAnother) || strings.Count(r.stderr, "(droppedctx/background)") != 2 ||
			!strings.Contains(r.stderr, "conclint: 2 findings recorded in conclint-baseline.json not shown\n") {
			t.Errorf("%s: after edits: exit %d, want 3 and only %s and %s:\n%s", route, r.code, want, wantAnother, r.stderr)
		}
		r = runEnv(t, env, dir, "-baseline=conclint-baseline.json", "-json", "./...")
		if r.code != 0 || strings.Count(r.stdout, `"posn"`) != 2 {
			t.Errorf("%s: -json: exit %d, want the two new findings:\n%s", route, r.code, r.stdout)
		}
	}
	dir := droppedModule(t)
	for _, args := range [][]string{{"-baseline=missing.json", "./..."}, {"-baseline=x.json", "-write-baseline=y.json", "./..."}} {
		if r := run(t, dir, bin, args...); r.code != 2 || !strings.HasPrefix(r.stderr, "conclint: -") {
			t.Errorf("%q: exit %d, want 2: %s", args, r.code, r.stderr)
		}
	}
}

// TestNewFromRev: -new-from-rev shows only findings on lines changed since
// a revision (and in untracked files); outside a git repository it is a
// clear error.
func TestNewFromRev(t *testing.T) {
	dir := droppedModule(t)
	if r := run(t, dir, bin, "-new-from-rev=HEAD", "./..."); r.code != 2 || !strings.Contains(r.stderr, "is not in a git repository") {
		t.Errorf("outside git: exit %d: %s", r.code, r.stderr)
	}
	git := func(args ...string) {
		t.Helper()
		r := run(t, dir, "git", append([]string{"-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"}, args...)...)
		if r.code != 0 {
			t.Fatalf("git %q: %s", args, r.stderr)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "first")
	write(t, filepath.Join(dir, "a.go"), strings.Replace(droppedSource, "%s", "m", 1)+"\nfunc another(ctx context.Context) {\n\twait(context.Background())\n}\n")
	write(t, filepath.Join(dir, "new", "n.go"), strings.Replace(droppedSource, "%s", "n", 1))
	for route, env := range routes {
		r := runEnv(t, env, dir, "-new-from-rev=HEAD", "./...")
		if r.code != 3 || !strings.Contains(r.stderr, "a.go:20:7: context.Background") || !strings.Contains(r.stderr, "new/n.go:16:7: context.Background") ||
			strings.Count(r.stderr, "(droppedctx/background)") != 2 || !strings.Contains(r.stderr, "conclint: 2 findings on lines unchanged since HEAD not shown\n") {
			t.Errorf("%s: exit %d, want a.go:20 and new/n.go only:\n%s", route, r.code, r.stderr)
		}
	}
	if r := run(t, dir, bin, "-new-from-rev=nosuchrev", "./..."); r.code != 2 || !strings.Contains(r.stderr, `"nosuchrev" is not a revision`) {
		t.Errorf("bad revision: exit %d: %s", r.code, r.stderr)
	}
}

// TestFixLeavesExcludedAlone: -fix and -fix -diff fix only the findings
// the configuration's excludes and -baseline leave in; on both routes.
func TestFixLeavesExcludedAlone(t *testing.T) {
	for route, env := range routes {
		dir := droppedModule(t)
		write(t, filepath.Join(dir, ".conclint.yml"), "exclude:\n  - sub/**\n")
		before := goTree(t, dir)
		r := runEnv(t, env, dir, "-fix", "-diff", "./...")
		if r.code != 3 || !strings.Contains(r.stdout, "+++ "+filepath.Join(dir, "a.go")+" (new)") || strings.Contains(r.stdout, "s.go") ||
			!strings.Contains(r.stdout, "-\twait(context.Background())\n+\twait(ctx)\n") {
			t.Errorf("%s: -fix -diff: exit %d, want 3 and a diff of a.go only:\n%s%s", route, r.code, r.stdout, r.stderr)
		}
		if c := changed(before, goTree(t, dir)); len(c) > 0 {
			t.Errorf("%s: -fix -diff changed %v", route, c)
		}
		r = runEnv(t, env, dir, "-fix", "./...")
		if c := changed(before, goTree(t, dir)); r.code != 0 || len(c) != 1 || c[0] != "a.go" || r.stderr != "conclint: -fix changed 1 file: a.go\n" {
			t.Errorf("%s: -fix: exit %d, changed %v, want a.go only:\n%s", route, r.code, c, r.stderr)
		}
		// A baseline recording sub/s.go's finding keeps it unfixed too.
		write(t, filepath.Join(dir, ".conclint.yml"), "")
		write(t, filepath.Join(dir, "a.go"), strings.Replace(droppedSource, "%s", "m", 1))
		if r := runEnv(t, env, dir, "-write-baseline=b.json", "./sub"); r.code != 0 {
			t.Fatalf("%s: -write-baseline: %s", route, r.stderr)
		}
		before = goTree(t, dir)
		r = runEnv(t, env, dir, "-fix", "-baseline=b.json", "./...")
		if c := changed(before, goTree(t, dir)); r.code != 0 || len(c) != 1 || c[0] != "a.go" {
			t.Errorf("%s: -fix -baseline: exit %d, changed %v, want a.go only:\n%s", route, r.code, c, r.stderr)
		}
	}
}

// goTree returns the Go files under dir, by slash path, and their content.
func goTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		m[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
