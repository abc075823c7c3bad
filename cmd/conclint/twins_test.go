package main_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// freshTool returns a copy of the binary with bytes of its own, so that
// go vet, which keys its cache by the vet tool's content, replays nothing.
func freshTool(t *testing.T, tag string) string {
	t.Helper()
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "conclint-fresh")
	if err := os.WriteFile(fresh, append(data, fmt.Sprintf("%s %d", tag, time.Now().UnixNano())...), 0o755); err != nil {
		t.Fatal(err)
	}
	return fresh
}

// TestTwinCalls: go vet calls the tool twice on a package that has
// _test.go files and an importer: for its importers' facts, and to report
// on it with its tests, which conclint leaves out, so both analyse the
// same files. The first analyses it fully and the second replays that
// (internal/twins): the output, text or JSON, is what it is when each
// call analyses the package (CONCLINT_TWINS=off). One job at a time
// (-p=1), go vet runs p's facts-only call first: a, which imports p,
// comes first. The external test imports a: go vet analyses a again
// against p with its tests, for that test only, which conclint does not
// analyse either (notest.go; TestWithoutTests).
func TestTwinCalls(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/tw\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "p", "p.go"), strings.Replace(droppedSource, "%s", "p", 1)+"\nfunc Wait(ctx context.Context) { wait(ctx) }\n")
	write(t, filepath.Join(dir, "p", "p_test.go"), "package p\n\nimport \"testing\"\n\nfunc TestWait(t *testing.T) { Wait(t.Context()) }\n")
	write(t, filepath.Join(dir, "p", "x_test.go"), "package p_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/tw/a\"\n)\n\nfunc TestA(t *testing.T) { a.A(t.Context()) }\n")
	write(t, filepath.Join(dir, "a", "a.go"), "package a\n\nimport (\n\t\"context\"\n\n\t\"example.com/tw/p\"\n)\n\nfunc A(ctx context.Context) { p.Wait(context.Background()) }\n")
	// conclint reads go vet's JSON; go vet -vettool=conclint prints text.
	govet := func(env []string, args ...string) result {
		vet := []string{"vet", "-p=1"}
		for _, e := range env {
			if tool, ok := strings.CutPrefix(e, "CONCLINT_VETTOOL="); ok {
				vet = append(vet, "-vettool="+tool)
			}
		}
		return runWith(t, env, dir, "go", append(vet, args...)...)
	}
	conclint := func(env []string, args ...string) result { return runEnv(t, append(env, "GOFLAGS=-p=1"), dir, args...) }
	for _, tc := range []struct {
		run  func(env []string, args ...string) result
		args []string
	}{
		{conclint, []string{"./..."}},
		{conclint, []string{"-json", "./..."}},
		{govet, []string{"./..."}},
		{govet, []string{"-json", "./..."}},
	} {
		args := tc.args
		log := filepath.Join(t.TempDir(), "twins.log")
		shared := tc.run([]string{"CONCLINT_VETTOOL=" + freshTool(t, "twins"), "CONCLINT_TWINS_LOG=" + log}, args...)
		apart := tc.run([]string{"CONCLINT_VETTOOL=" + freshTool(t, "twins off"), "CONCLINT_TWINS=off"}, args...)
		out := shared.stdout + shared.stderr
		if !strings.Contains(out, "p.go:") || !strings.Contains(out, "a.go:") {
			t.Errorf("%q: want the findings in p.go and a.go:\n%s", args, out)
		}
		if shared != apart {
			t.Errorf("%q: shared: exit %d\n%s\n%s\napart: exit %d\n%s\n%s", args,
				shared.code, shared.stdout, shared.stderr, apart.code, apart.stdout, apart.stderr)
		}
		calls, err := os.ReadFile(log)
		if err != nil || !regexp.MustCompile(`(?m)^full example.com/tw/p$`).Match(calls) || !regexp.MustCompile(`(?m)^replay example.com/tw/p$`).Match(calls) {
			t.Errorf("%q: p's calls did not share one analysis (%v):\n%s", args, err, calls)
		}
	}
	// With tests analysed, the two calls analyse different files.
	log := filepath.Join(t.TempDir(), "twins.log")
	r := conclint([]string{"CONCLINT_VETTOOL=" + freshTool(t, "twins tests"), "CONCLINT_TWINS_LOG=" + log}, "-droppedctx.tests", "./...")
	if calls, _ := os.ReadFile(log); r.code != 3 || len(calls) > 0 {
		t.Errorf("-droppedctx.tests: exit %d, want 3 and no call shared:\n%s\n%s", r.code, r.stderr, calls)
	}
}
