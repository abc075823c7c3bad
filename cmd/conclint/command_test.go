package main_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

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
	return runWith(t, env, dir, bin, args...)
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

// brokenModule returns a module with a package that does not type-check
// (a) beside a copy of examples/shop (b).
func brokenModule(t *testing.T) string {
	t.Helper()
	dir := shopModule(t)
	b := filepath.Join(dir, "b")
	if err := os.Mkdir(b, 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		if err := os.Rename(f, filepath.Join(b, filepath.Base(f))); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(dir, "a", "a.go"), "package a\n\nfunc F() int { return undefinedThing }\n")
	return dir
}

func write(t *testing.T, file, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTextOutput: each finding ends with its rule ID (analyzer/rule), paths are
// relative to the working directory, and a summary line comes last.
func TestTextOutput(t *testing.T) {
	r := run(t, repoRoot, bin, "-lockio.io", "-seqio.chain", "./examples/...")
	finding := regexp.MustCompile(`^examples/shop/\w+\.go:\d+:\d+: \S.* \((\w+)/\w+\)$`)
	related := regexp.MustCompile(`^examples/shop/\w+\.go:\d+:\d+: \t\S`)
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	named := map[string]int{}
	for _, line := range lines[:len(lines)-1] {
		if m := finding.FindStringSubmatch(line); m != nil {
			named[m[1]]++
		} else if !related.MatchString(line) {
			t.Errorf("not a finding or related line: %q", line)
		}
	}
	for _, a := range conclint.Suite {
		if named[a.Name] == 0 {
			t.Errorf("no finding ends with (%s)", a.Name)
		}
	}
	summary := regexp.MustCompile(`^conclint: \d+ findings \((\w+ \d+(, )?)+\)$`)
	if last := lines[len(lines)-1]; !summary.MatchString(last) || !strings.Contains(last, conclint.Suite[0].Name+" ") {
		t.Errorf("last line %q is not the summary", last)
	}
	if r.stdout != "" {
		t.Errorf("text output on stdout: %q", r.stdout)
	}
}

// TestPackageErrors: a package that does not type-check is reported on
// every route and in every format, exit 1, and the other packages are
// still analysed; no internal analyzer (reqscope, blocking) is mentioned.
func TestPackageErrors(t *testing.T) {
	dir := brokenModule(t)
	for route, env := range routes {
		r := runEnv(t, env, dir, "-json", "./...")
		var tree map[string]map[string]json.RawMessage
		if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
			t.Fatalf("%s: -json: %v\n%s", route, err, r.stdout)
		}
		if r.code != 1 || !strings.Contains(string(tree["example.com/shop/a"]["typecheck"]), "undefined: undefinedThing") || len(tree["example.com/shop/b"]) == 0 {
			t.Errorf("%s: -json: exit %d, want 1, a typecheck error for a and findings for b:\n%s", route, r.code, r.stdout)
		}
		r = runEnv(t, env, dir, "-format=sarif", "./...")
		if r.code != 1 || !strings.Contains(r.stdout, `"executionSuccessful": false`) || !strings.Contains(r.stdout, "undefined: undefinedThing") {
			t.Errorf("%s: sarif: exit %d, want 1 and a failed invocation:\n%s", route, r.code, r.stdout)
		}
	}
	// The routes that used to print internal analyzers' errors.
	for _, args := range [][]string{{"-format=github", "./..."}, {"-test=false", "./..."}, {"-fix", "-diff", "./..."}} {
		r := run(t, dir, bin, args...)
		if out := r.stdout + r.stderr; r.code == 0 || !strings.Contains(out, "a/a.go:3:23: undefined: undefinedThing") || internalAnalyzer.MatchString(out) {
			t.Errorf("%q: exit %d:\n%s", args, r.code, out)
		}
	}
}

// internalAnalyzer matches an error of an analyzer users do not enable.
var internalAnalyzer = regexp.MustCompile(`\b(reqscope|blocking)[:@]|failed prerequisites`)

// TestTags: -tags selects files behind build tags, as in go vet, on both
// routes. The module imports little, to keep the runs short.
func TestTags(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/tg\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "tg.go"), "package tg\n")
	write(t, filepath.Join(dir, "tagged.go"), `//go:build special

package tg

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
`)
	const want = "tagged.go:18:7: context.Background discards the context in scope (ctx)"
	for route, env := range routes {
		if r := runEnv(t, env, dir, "-droppedctx", "./..."); r.code != 0 || strings.Contains(r.stderr, want) {
			t.Errorf("%s: without -tags: exit %d: %s", route, r.code, r.stderr)
		}
		if r := runEnv(t, env, dir, "-tags=special", "-droppedctx", "./..."); r.code != 3 || !strings.Contains(r.stderr, want) {
			t.Errorf("%s: -tags=special: exit %d, want 3 and %q: %s", route, r.code, want, r.stderr)
		}
	}
}

// TestProgress: -progress shows packages done of the total on stderr while
// go vet runs (a vet tool with bytes of its own each run and no facts
// cache, so that nothing comes from a cache), and nothing of it reaches
// stdout.
func TestProgress(t *testing.T) {
	dir := shopModule(t)
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "conclint-fresh")
	if err := os.WriteFile(fresh, append(data, fmt.Sprintf("progress test %d", time.Now().UnixNano())...), 0o755); err != nil {
		t.Fatal(err)
	}
	// The facts cache off: with it warm the run can end before the first
	// progress line (after a second and a half).
	r := runEnv(t, []string{"CONCLINT_VETTOOL=" + fresh, "CONCLINT_FACTCACHE=off"}, dir, "-progress", "-json", "./...")
	if r.code != 0 || !regexp.MustCompile(`(?m)^conclint: [01] of 1 packages analysed$`).MatchString(r.stderr) || strings.Contains(r.stdout, "analysed") {
		t.Errorf("exit %d, want progress lines on stderr:\n%s", r.code, r.stderr)
	}
}

// TestBrokenPackageHidesNothing: a package that fails to load (its
// //go:embed directory is missing, which stops go vet before it analyses
// anything) is reported, exit 1, and every package that does not depend on
// it is still analysed; both routes print the same.
func TestBrokenPackageHidesNothing(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/br\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "emb", "e.go"), "package emb\n\nimport \"embed\"\n\n//go:embed assets\nvar FS embed.FS\n")
	write(t, filepath.Join(dir, "dep", "d.go"), "package dep\n\nimport _ \"example.com/br/emb\"\n")
	write(t, filepath.Join(dir, "ok", "ok.go"), strings.Replace(droppedSource, "%s", "ok", 1))
	const want = `ok/ok.go:16:7: context.Background discards the context in scope (ctx), so cancellation and deadlines stop here; pass ctx, or context.WithoutCancel(ctx) to detach on purpose (droppedctx/background)
# example.com/br/emb
emb/e.go:5:12: pattern assets: no matching files found
conclint: 1 finding (droppedctx 1); 1 package with errors
`
	for route, env := range routes {
		if r := runEnv(t, env, dir, "./..."); r.code != 1 || r.stderr != want {
			t.Errorf("%s: exit %d, want 1 and\n%s\ngot:\n%s", route, r.code, want, r.stderr)
		}
		r := runEnv(t, env, dir, "-json", "./...")
		var tree map[string]map[string]json.RawMessage
		if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
			t.Fatalf("%s: -json: %v\n%s", route, err, r.stdout)
		}
		if r.code != 1 || !strings.Contains(string(tree["example.com/br/emb"]["typecheck"]), "no matching files found") ||
			len(tree["example.com/br/ok"]["droppedctx"]) == 0 || len(tree) != 2 {
			t.Errorf("%s: -json: exit %d, want 1, a typecheck error for emb and the finding in ok:\n%s", route, r.code, r.stdout)
		}
	}
	// go fix stops at the load error as go vet does.
	if r := run(t, dir, bin, "-fix", "-diff", "./..."); r.code != 1 || !strings.Contains(r.stdout, "ok/ok.go (new)") || !strings.Contains(r.stderr, "emb/e.go:5:12: pattern assets") {
		t.Errorf("-fix -diff: exit %d, want 1, the error and the diff of ok.go:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestNoTests: -test=false runs through the go command (its vet tool
// leaves the tests out) and prints what the in-process driver prints:
// findings in the package's own files only, none in its _test.go files,
// its external test package or a directory of tests only; in text,
// -json and -fix -diff, and -fix changes the same files.
func TestNoTests(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/nt\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "p", "p.go"), strings.Replace(droppedSource, "%s", "p", 1))
	write(t, filepath.Join(dir, "p", "p_test.go"), "package p\n\nimport \"context\"\n\nfunc forgetInTest(ctx context.Context) {\n\twait(context.Background())\n}\n")
	write(t, filepath.Join(dir, "p", "x_test.go"), "package p_test\n\nimport (\n\t\"context\"\n\n\t\"example.com/nt/p\"\n)\n\nfunc forgetOutside(ctx context.Context) {\n\tp.Forget(context.TODO())\n}\n")
	write(t, filepath.Join(dir, "onlytests", "o_test.go"), "package onlytests\n\nimport \"context\"\n\nfunc f(ctx context.Context) { g(context.Background()) }\nfunc g(ctx context.Context) { <-ctx.Done() }\n")
	if !strings.Contains(droppedSource, "func forget(") {
		t.Fatal("droppedSource changed: the test files call forget as Forget")
	}
	write(t, filepath.Join(dir, "p", "forget.go"), "package p\n\nimport \"context\"\n\nfunc Forget(ctx context.Context) { forget(ctx) }\n")

	// With tests, all four findings: the test below could not fail without them.
	if r := runEnv(t, routes["vet"], dir, "-droppedctx.tests", "./..."); strings.Count(r.stderr, "(droppedctx/background)") != 4 {
		t.Fatalf("with tests: want 4 findings, got\n%s", r.stderr)
	}
	// A fresh vet tool per run, so that go vet replays nothing from its
	// cache, and a log of its facts-only calls to show it ran.
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	log, cache := filepath.Join(t.TempDir(), "facts.log"), t.TempDir()
	for i, args := range [][]string{
		{"-test=false", "-droppedctx.tests", "./..."},
		{"-json", "-test=false", "-droppedctx.tests", "./..."},
		{"-fix", "-diff", "-test=false", "-droppedctx.tests", "./..."},
	} {
		os.Remove(log)
		fresh := filepath.Join(t.TempDir(), "conclint-fresh")
		if err := os.WriteFile(fresh, append(slices.Clone(data), fmt.Sprintf("notest test %d %d", time.Now().UnixNano(), i)...), 0o755); err != nil {
			t.Fatal(err)
		}
		vet := runEnv(t, []string{"CONCLINT_VETTOOL=" + fresh, "CONCLINT_FACTCACHE=" + cache, "CONCLINT_FACTCACHE_LOG=" + log}, dir, args...)
		inProcess := runEnv(t, routes["standalone"], dir, args...)
		out := vet.stdout + vet.stderr
		if !strings.Contains(out, "p.go") || strings.Contains(out, "_test.go") {
			t.Errorf("%q through go vet: want p.go's finding and none in test files:\n%s", args, out)
		}
		if vet != inProcess {
			t.Errorf("%q: through go vet: exit %d\n%s\n%s\nin process: exit %d\n%s\n%s", args,
				vet.code, vet.stdout, vet.stderr, inProcess.code, inProcess.stdout, inProcess.stderr)
		}
		if calls, err := os.ReadFile(log); err != nil || !regexp.MustCompile(`(?m)^(hit|miss) context$`).Match(calls) {
			t.Errorf("%q: the vet tool was not called on context (%v): not run through the go command", args, err)
		}
	}
	trees := make(map[string]map[string]string)
	for route, env := range routes {
		copyDir := t.TempDir()
		if err := os.CopyFS(copyDir, os.DirFS(dir)); err != nil {
			t.Fatal(err)
		}
		if r := runEnv(t, env, copyDir, "-fix", "-test=false", "-droppedctx.tests", "./..."); r.code != 0 || !strings.Contains(r.stderr, "-fix changed 1 file: p/p.go") {
			t.Errorf("%s: -fix -test=false: exit %d\n%s", route, r.code, r.stderr)
		}
		trees[route] = goTree(t, copyDir)
	}
	if !maps.Equal(trees["vet"], trees["standalone"]) {
		t.Errorf("-fix -test=false: the routes changed different files")
	}
}

// TestTestsOnlyWhenChecked: when no analyzer reports in test files (the
// default), every route analyses the packages without their _test.go
// files, as with -test=false: a type error there is not seen, and p.go's
// finding is. With an analyzer's -NAME.tests on, the tests are analysed
// again (the error stops the package), and -test=false still leaves
// them out.
func TestTestsOnlyWhenChecked(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/tc\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "p", "p.go"), strings.Replace(droppedSource, "%s", "p", 1))
	write(t, filepath.Join(dir, "p", "p_test.go"), "package p\n\nvar broken int = \"not an int\"\n")
	for route, env := range routes {
		for _, tc := range []struct {
			args      []string
			testsSeen bool
		}{
			{[]string{"./..."}, false},
			{[]string{"-json", "./..."}, false},
			{[]string{"-lockio.tests", "./..."}, true},
			{[]string{"-lockio.tests", "-test=false", "./..."}, false},
		} {
			r := runEnv(t, env, dir, tc.args...)
			out := r.stdout + r.stderr
			if seen := strings.Contains(out, "p_test.go:3"); seen != tc.testsSeen {
				t.Errorf("%s %q: type error in p_test.go reported: %v, want %v\n%s", route, tc.args, seen, tc.testsSeen, out)
			}
			if !tc.testsSeen && !strings.Contains(out, "p.go:") {
				t.Errorf("%s %q: want p.go's finding\n%s", route, tc.args, out)
			}
		}
	}
}
