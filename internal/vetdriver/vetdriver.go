// Package vetdriver runs an analysis suite through the go command's
// vettool protocol: "conclint ./..." becomes "go vet -vettool=conclint
// ./...". The go command then analyses one package per process, from
// export data rather than source for dependencies, in parallel, and caches
// facts and results in the build cache, so memory stays per package and
// unchanged packages are not analysed again.
//
// -fix runs through go fix -fixtool=conclint the same way.
package vetdriver

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"

	"github.com/conclint/conclint/internal/report"
)

// Tool returns the vet tool to run: $CONCLINT_VETTOOL when set (a wrapper,
// or a build with a fresh ID so that go vet's cache is bypassed), else
// this executable.
func Tool() (string, error) {
	if t := os.Getenv("CONCLINT_VETTOOL"); t != "" {
		return t, nil
	}
	return os.Executable()
}

// Fix runs go fix with tool as its fixtool, which applies the suggested
// fixes of every package (or with -diff among flags prints them), and
// returns its exit code. buildFlags (-tags) go to go fix, flags to the tool.
//
// When a package fails to load, which stops go fix before it fixes
// anything, Fix reports the load errors and fixes the packages that load
// without it, and returns 1.
func Fix(tool string, buildFlags, flags, patterns []string, stdout, stderr io.Writer) int {
	args := append(append(append([]string{"fix"}, buildFlags...), "-fixtool="+tool), flags...)
	var errOut bytes.Buffer
	code, err := run(args, patterns, stdout, &errOut)
	if err != nil {
		fmt.Fprintf(stderr, "conclint: %v\n", err)
		return 1
	}
	if code != 0 && loadFailed(failures(bytes.NewReader(errOut.Bytes()), io.Discard)) {
		if broken, healthy, ok := listPackages(buildFlags, patterns); ok && len(broken) > 0 {
			report.WriteText(stderr, report.Result{Failures: broken}, report.Paths{}, -1)
			if len(healthy) > 0 {
				if _, err := run(args, healthy, stdout, stderr); err != nil {
					fmt.Fprintf(stderr, "conclint: %v\n", err)
				}
			}
			return 1
		}
	}
	stderr.Write(errOut.Bytes())
	return code
}

// run runs the go command and returns its exit code; err reports that it
// could not be run at all.
func run(args, patterns []string, stdout, stderr io.Writer) (int, error) {
	cmd := exec.Command("go", append(args, patterns...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, stdout, stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode(), nil
	case err != nil:
		return 0, fmt.Errorf("running go %s: %v", args[0], err)
	}
	return 0, nil
}
