package driver

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// The go command has no -test flag: go vet and go fix always analyse a
// package together with its _test.go files (the go command's test
// variant of it, under the package's own ID in the vet.cfg), and its
// external test package (the same directory's _test.go files of package
// p_test). conclint -test=false still runs through them: it passes
// -test=false on to its vet tool (the go command passes every flag the
// tool declares, and hashes them into its cache keys), and the tool call,
// seeing it, analyses what the in-process driver analyses with
// -test=false. So does a tool call in which no analyzer reports in test
// files (see checksTests), whatever -test says:
//
//   - a package vetted with its _test.go files is analysed without them:
//     that is the package as the in-process driver loads it without tests;
//   - a package of _test.go files only (an external test package, or a
//     directory with nothing but tests) is not analysed: the call writes
//     empty outputs and succeeds.
//
// Dependencies have no _test.go files. The go command also analyses, for
// facts only, the packages an external test package imports that import
// the package under test (its test variants of them, built against the
// package with its _test.go files): only that external test package and
// other such variants read their outputs. Since it is not analysed, they
// are not either: the call on a package with _test.go files leaves a mark
// beside its output (testsMark), and a facts-only call that reads an
// output so marked, or a variant's, writes a variant's output
// (variantOutput: no types, no facts, and a tag by which its importers,
// variants too, know it: the go command may hand it on from its cache,
// where no mark is beside it).

// testsOff reports whether the tool's arguments before the vet.cfg turn
// tests off (-test=false, as multichecker's flag package parses it).
func testsOff(toolArgs []string) bool {
	return !boolFlag(toolArgs, "test", true)
}

// checksTests reports whether an analyzer of the suite reports in test
// files under the tool's arguments: its -NAME.tests option is on by
// default or set on. When none does, a package's _test.go files can only
// change what is said about its other files, and conclint judges
// production code by production code: the tool call analyses the package
// as with -test=false (a test helper that only a test calls is already
// left alone by the rules, whose test-only reasoning ignores uses in
// _test.go files). Type-checking a package's tests is most of go vet's
// cost on a package with large tests (nats' server: 71 of its 131 files).
func checksTests(suite []*analysis.Analyzer, toolArgs []string) bool {
	for _, a := range suite {
		if f := a.Flags.Lookup("tests"); f != nil && boolFlag(toolArgs, a.Name+".tests", f.Value.String() == "true") {
			return true
		}
	}
	return false
}

// boolFlag returns the value the arguments give the boolean flag name, as
// the flag package parses them (the last one wins), or def.
func boolFlag(args []string, name string, def bool) bool {
	on := def
	for _, a := range args {
		n, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if n != name || !strings.HasPrefix(a, "-") {
			continue
		}
		if !hasValue {
			on = true
			continue
		}
		if b, err := strconv.ParseBool(value); err == nil {
			on = b // the flag package rejects the call otherwise
		}
	}
	return on
}

// withoutTestFlag returns toolArgs without -test: it changes no
// dependency's facts, so it stays out of the facts cache's key.
func withoutTestFlag(toolArgs []string) []string {
	var out []string
	for _, a := range toolArgs {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name != "test" {
			out = append(out, a)
		}
	}
	return out
}

// vetCall is what a vet.cfg says about the package it names.
type vetCall struct {
	GoFiles     []string
	VetxOnly    bool
	VetxOutput  string
	Stdout      string
	FixArchive  string
	PackageVetx map[string]string
}

// testsMark names the file, beside a tool call's output, that says the
// output is of a package built with _test.go files.
const testsMark = ".conclint-tests"

// variantOutput is the output of a test variant: a vetx file (unitchecker's
// layout: magic, then the lengths of the types and facts) with neither,
// and a tag after them.
const variantOutput = "vetx\x00\x00\x00\x00\x00\x00\x00\x00conclint: test variant, not analysed\n"

// testVariant reports whether cfg is a facts-only call whose imports
// include an output built with _test.go files or a test variant's.
func (cfg vetCall) testVariant() bool {
	if !cfg.VetxOnly {
		return false
	}
	buf := make([]byte, len(variantOutput))
	for _, out := range cfg.PackageVetx {
		if _, err := os.Stat(out + testsMark); err == nil {
			return true
		}
		if f, err := os.Open(out); err == nil {
			n, _ := io.ReadFull(f, buf)
			f.Close()
			if string(buf[:n]) == variantOutput {
				return true
			}
		}
	}
	return false
}

// withoutTests rewrites the tool call of args (ending in a vet.cfg) for
// -test=false. It returns the arguments to run, and false when the call
// is answered (empty outputs written) and the tool must exit 0.
func withoutTests(args []string) ([]string, bool) {
	cfgFile := args[len(args)-1]
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return args, true // unitchecker reports it
	}
	var cfg vetCall
	if json.Unmarshal(data, &cfg) != nil {
		return args, true
	}
	var files []string
	for _, f := range cfg.GoFiles {
		if !strings.HasSuffix(filepath.Base(f), "_test.go") {
			files = append(files, f)
		}
	}
	switch {
	case len(files) == len(cfg.GoFiles) && cfg.testVariant():
		if cfg.Stdout != "" && os.WriteFile(cfg.Stdout, nil, 0o666) != nil {
			return args, true
		}
		return args, os.WriteFile(cfg.VetxOutput, []byte(variantOutput), 0o666) != nil
	case len(files) == len(cfg.GoFiles):
		return args, true // no tests in it
	case len(files) == 0:
		// Only test files: nothing to analyse without them.
		return args, !writeEmptyOutputs(cfg)
	}
	var raw map[string]json.RawMessage
	if json.Unmarshal(data, &raw) != nil {
		return args, true
	}
	raw["GoFiles"], _ = json.Marshal(files)
	out, err := json.MarshalIndent(raw, "", "\t")
	if err != nil {
		return args, true
	}
	newCfg := strings.TrimSuffix(cfgFile, ".cfg") + ".notest.cfg"
	if os.WriteFile(newCfg, append(out, '\n'), 0o666) != nil {
		return args, true
	}
	if cfg.VetxOutput != "" {
		os.WriteFile(cfg.VetxOutput+testsMark, nil, 0o666)
	}
	return append(args[:len(args)-1:len(args)-1], newCfg), true
}

// writeEmptyOutputs writes what a tool call that analyses nothing leaves:
// no facts, no findings, no fixes. It reports whether it succeeded.
func writeEmptyOutputs(cfg vetCall) bool {
	for _, f := range []string{cfg.VetxOutput, cfg.Stdout} {
		if f != "" && os.WriteFile(f, nil, 0o666) != nil {
			return false
		}
	}
	if cfg.FixArchive != "" {
		f, err := os.Create(cfg.FixArchive)
		if err != nil {
			return false
		}
		if zip.NewWriter(f).Close() != nil || f.Close() != nil {
			return false
		}
	}
	return true
}
