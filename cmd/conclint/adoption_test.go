package main_test

import (
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
