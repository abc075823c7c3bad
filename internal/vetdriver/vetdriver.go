// Package vetdriver runs an analysis suite through the go command's
// vettool protocol: "conclint ./..." becomes "go vet -vettool=conclint
// ./...". The go command then analyses one package per process, from
// export data rather than source for dependencies, in parallel, and caches
// facts and results in the build cache, so memory stays per package and
// unchanged packages are not analysed again.
//
// Options only the standalone driver has (-fix, -diff, profiles, -test=false,
// -debug) keep the standalone driver, and so does CONCLINT_DRIVER=standalone.
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
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

// Main is the whole of a driver's main function: it runs analyzers through
// go vet when it can, else standalone, and does not return.
func Main(analyzers ...*analysis.Analyzer) {
	flags, patterns, ok := Plan(os.Args[1:], analyzers)
	if !ok || os.Getenv("CONCLINT_DRIVER") == "standalone" {
		multichecker.Main(analyzers...)
		return
	}
	self, err := os.Executable()
	if err != nil {
		multichecker.Main(analyzers...)
		return
	}
	os.Exit(Run(self, flags, patterns, os.Stdout, os.Stderr))
}

// standaloneOnly are driver flags that go vet cannot pass on to a vet tool.
var standaloneOnly = map[string]bool{
	"fix": true, "diff": true, "debug": true, "test": true,
	"cpuprofile": true, "memprofile": true, "trace": true,
	"flags": true, "V": true,
}

// Plan splits args into flags and package patterns, and reports whether
// they can run through go vet: there are patterns, none is a vet config
// file (the go command calling us as its tool), and every flag is one a
// vet tool accepts.
func Plan(args []string, analyzers []*analysis.Analyzer) (flags, patterns []string, ok bool) {
	fs := flag.NewFlagSet("conclint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Bool("json", false, "")
	fs.Int("c", -1, "")
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
	if err := fs.Parse(args); err != nil {
		return nil, nil, false
	}
	patterns = fs.Args()
	flags = args[:len(args)-len(patterns)]
	if len(patterns) == 0 {
		return nil, nil, false
	}
	for _, p := range patterns {
		if strings.HasSuffix(p, ".cfg") || strings.HasPrefix(p, "-") {
			return nil, nil, false
		}
	}
	standalone := false
	fs.Visit(func(f *flag.Flag) { standalone = standalone || standaloneOnly[f.Name] })
	return flags, patterns, !standalone
}

// Run runs go vet with tool as its vettool and returns its exit code. With
// -json, the go command prints one JSON object per package; Run merges
// them into the single object the standalone driver prints.
func Run(tool string, flags, patterns []string, stdout, stderr io.Writer) int {
	args := append(append([]string{"vet", "-vettool=" + tool}, flags...), patterns...)
	cmd := exec.Command("go", args...)
	cmd.Stdin, cmd.Stderr = os.Stdin, stderr
	jsonOut := hasFlag(flags, "json")
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
		fmt.Fprintf(stderr, "conclint: running go vet: %v\n", err)
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

func hasFlag(flags []string, name string) bool {
	for _, f := range flags {
		f = strings.TrimLeft(f, "-")
		if f == name || f == name+"=true" {
			return true
		}
	}
	return false
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
