package main_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/conclint/conclint"
)

// routes are the environments conclint's two drivers run in: through go
// vet (the default) and in this process.
var routes = map[string][]string{
	"vet":        nil,
	"standalone": {"CONCLINT_DRIVER=standalone"},
}

func runEnv(t *testing.T, env []string, dir string, args ...string) result {
	t.Helper()
	for _, e := range env {
		k, v, _ := strings.Cut(e, "=")
		t.Setenv(k, v)
	}
	return run(t, dir, bin, args...)
}

// TestHelpAndVersion: help, help NAME, version, -V and -V=full work on
// every route and with any -format, without analysing a package.
func TestHelpAndVersion(t *testing.T) {
	name := conclint.Suite[0]
	version := regexp.MustCompile(`^conclint version \S+( \S+)? go\S+ \S+/\S+\n$`)
	full := regexp.MustCompile(`^conclint version \S+( \S+)? go\S+ \S+/\S+ buildID=[0-9a-f]{64}\n$`)
	for route, env := range routes {
		for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}, {"-format=sarif", "help"}, {"-json", "help"}} {
			r := runEnv(t, env, ".", args...)
			if r.code != 0 || !strings.Contains(r.stdout, "Usage:") || !strings.Contains(r.stdout, "Exit codes:") || !strings.Contains(r.stdout, name.Name) {
				t.Errorf("%s: conclint %q: exit %d\nstdout: %s\nstderr: %s", route, args, r.code, r.stdout, r.stderr)
			}
		}
		if r := runEnv(t, env, ".", "help", name.Name); r.code != 0 || !strings.HasPrefix(r.stdout, strings.TrimSpace(name.Doc)) {
			t.Errorf("%s: conclint help %s: exit %d: %s%s", route, name.Name, r.code, r.stdout, r.stderr)
		}
		for _, args := range [][]string{{"version"}, {"-V"}, {"-format=github", "version"}} {
			if r := runEnv(t, env, ".", args...); r.code != 0 || !version.MatchString(r.stdout) {
				t.Errorf("%s: conclint %q: exit %d: %q %s", route, args, r.code, r.stdout, r.stderr)
			}
		}
		if r := runEnv(t, env, ".", "-V=full"); r.code != 0 || !full.MatchString(r.stdout) {
			t.Errorf("%s: conclint -V=full: exit %d: %q %s", route, r.code, r.stdout, r.stderr)
		}
	}
}

// TestUsageErrors: a mistyped flag or value gives one line and a hint,
// never the whole usage, and exit 2.
func TestUsageErrors(t *testing.T) {
	for route, env := range routes {
		for _, args := range [][]string{
			{"-nosuchflag", "./..."}, {"-format=xml", "./..."}, {"-droppedctx=maybe", "./..."},
			{"-json", "-fix", "./..."}, {"-V=short"}, {},
		} {
			r := runEnv(t, env, ".", args...)
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if r.code != 2 || len(lines) != 2 || !strings.HasPrefix(lines[0], "conclint: ") || lines[1] != "run 'conclint help' for usage" || r.stdout != "" {
				t.Errorf("%s: conclint %q: exit %d, want 2 and one line plus a hint:\n%s%s", route, args, r.code, r.stdout, r.stderr)
			}
		}
	}
}
