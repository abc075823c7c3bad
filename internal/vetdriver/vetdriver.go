// Package vetdriver runs an analysis suite through the go command's
// vettool protocol: "conclint ./..." becomes "go vet -vettool=conclint
// ./...". The go command then analyses one package per process, from
// export data rather than source for dependencies, in parallel, and caches
// facts and results in the build cache, so memory stays per package and
// unchanged packages are not analysed again.
//
// -fix runs through go fix -fixtool=conclint the same way. Options only
// the standalone driver has (-diff, profiles, -test=false, -debug) are
// left to it: Parse reports that such a command line cannot run through
// the go command.
package vetdriver

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A Plan is a command line that can run through go vet.
type Plan struct {
	Flags    []string // analyzer flags, passed on to the vet tool
	Patterns []string // package patterns
	JSON     bool     // -json: print the merged JSON tree
	Fix      bool     // -fix: apply the suggested fixes, through go fix
	Context  int      // -c: lines of context to print around a finding, -1 for none
}

// standaloneOnly are driver flags that go vet cannot pass on to a vet tool.
var standaloneOnly = map[string]bool{
	"diff": true, "debug": true, "test": true,
	"cpuprofile": true, "memprofile": true, "trace": true,
	"flags": true, "V": true,
}

// Parse splits args into a Plan, and reports whether they can run through
// go vet: there are patterns, none is a vet config file (the go command
// calling us as its tool), and every flag is one a vet tool accepts.
func Parse(args []string, analyzers []*analysis.Analyzer) (Plan, bool) {
	fs := flag.NewFlagSet("conclint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	jsonOut := fs.Bool("json", false, "")
	fix := fs.Bool("fix", false, "")
	context := fs.Int("c", -1, "")
	for name := range standaloneOnly {
		fs.String(name, "", "") // parsed only to be recognized
	}
	for _, a := range analyzers {
		fs.Bool(a.Name, false, "")
		a.Flags.VisitAll(func(f *flag.Flag) {
			if b, isBool := f.Value.(interface{ IsBoolFlag() bool }); isBool && b.IsBoolFlag() {
				fs.Bool(a.Name+"."+f.Name, false, "")
			} else {
				fs.String(a.Name+"."+f.Name, "", "")
			}
		})
	}
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		return Plan{}, false
	}
	plan := Plan{Patterns: fs.Args(), JSON: *jsonOut, Fix: *fix, Context: *context}
	for _, p := range plan.Patterns {
		if strings.HasSuffix(p, ".cfg") || strings.HasPrefix(p, "-") {
			return Plan{}, false
		}
	}
	ok := true
	fs.Visit(func(f *flag.Flag) {
		switch {
		case standaloneOnly[f.Name]:
			ok = false
		case f.Name != "json" && f.Name != "c" && f.Name != "fix":
			plan.Flags = append(plan.Flags, "-"+f.Name+"="+f.Value.String())
		}
	})
	return plan, ok && !(plan.Fix && plan.JSON)
}

// Tool returns the vet tool to run: $CONCLINT_VETTOOL when set (a wrapper,
// or a build with a fresh ID so that go vet's cache is bypassed), else
// this executable.
func Tool() (string, error) {
	if t := os.Getenv("CONCLINT_VETTOOL"); t != "" {
		return t, nil
	}
	return os.Executable()
}

// Run runs go vet with tool as its vettool and returns its exit code. With
// -json, the go command prints one JSON object per package; Run merges
// them into the single object the standalone driver prints.
func Run(tool string, flags, patterns []string, stdout, stderr io.Writer) int {
	return run(append([]string{"vet", "-vettool=" + tool}, flags...), patterns, stdout, stderr)
}

// Fix runs go fix with tool as its fixtool, which applies the suggested
// fixes of every package, and returns its exit code.
func Fix(tool string, flags, patterns []string, stdout, stderr io.Writer) int {
	return run(append([]string{"fix", "-fixtool=" + tool}, flags...), patterns, stdout, stderr)
}

func run(args, patterns []string, stdout, stderr io.Writer) int {
	flags := args[2:]
	cmd := exec.Command("go", append(args, patterns...)...)
	cmd.Stdin, cmd.Stderr = os.Stdin, stderr
	jsonOut := slices.Contains(flags, "-json")
	var buf bytes.Buffer
	if jsonOut {
		cmd.Stdout = &buf
	} else {
		cmd.Stdout = stdout
	}
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		fmt.Fprintf(stderr, "conclint: running go %s: %v\n", args[0], err)
		return 1
	}
	if jsonOut {
		if err := mergeJSON(stdout, &buf); err != nil {
			fmt.Fprintf(stderr, "conclint: %v\n", err)
			return 1
		}
	}
	return code
}

// mergeJSON merges a stream of {"pkg": {"analyzer": ...}} objects.
func mergeJSON(w io.Writer, r io.Reader) error {
	merged := make(map[string]map[string]json.RawMessage)
	dec := json.NewDecoder(r)
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("reading go vet -json output: %v", err)
		}
		for pkg, byAnalyzer := range tree {
			if merged[pkg] == nil {
				merged[pkg] = make(map[string]json.RawMessage)
			}
			for a, v := range byAnalyzer {
				merged[pkg][a] = v
			}
		}
	}
	data, err := json.MarshalIndent(merged, "", "\t")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
