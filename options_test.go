package conclint_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/harness"
)

// testdataPackages type-checks each directory of the analyzer's testdata
// as one package per package clause (files of an external test package
// apart), and returns those that type-check.
func testdataPackages(t *testing.T, name string) []*packages.Package {
	t.Helper()
	root := filepath.Join("analyzers", name, "testdata", "src")
	fset := token.NewFileSet()
	imp := harness.NewSourceImporter(fset, root)
	var out []*packages.Package
	filepath.WalkDir(root, func(dir string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		groups := map[string][]*ast.File{}
		paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, path := range paths {
			f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
			if err == nil {
				groups[f.Name.Name] = append(groups[f.Name.Name], f)
			}
		}
		rel, _ := filepath.Rel(root, dir)
		for pkgName, files := range groups {
			path := filepath.ToSlash(rel)
			if strings.HasSuffix(pkgName, "_test") {
				path += "_test"
			}
			if pkg := harness.Check(fset, path, files, imp); !pkg.IllTyped {
				out = append(out, pkg)
			}
		}
		return nil
	})
	if len(out) == 0 {
		t.Fatalf("%s: no testdata package type-checks", name)
	}
	return out
}

// findings runs a on pkgs and returns its diagnostics as sorted
// "file:line:col: [rule] message" strings.
func findings(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package) []string {
	t.Helper()
	var out []string
	suite := harness.Guard([]*analysis.Analyzer{a})
	for _, pkg := range pkgs {
		res, err := harness.Analyze(suite, pkg)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range res.Panics {
			t.Error(p)
		}
		for _, d := range res.Diagnostics[a.Name] {
			out = append(out, fmt.Sprintf("%s: [%s] %s", pkg.Fset.Position(d.Pos), d.Category, d.Message))
		}
	}
	slices.Sort(out)
	return out
}

// configured returns a new analyzer named name with the flags set.
func configured(t *testing.T, name string, flags map[string]string) *analysis.Analyzer {
	t.Helper()
	a := conclint.New(name)
	for k, v := range flags {
		if err := a.Flags.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// TestEveryBoolOptionMatters runs every analyzer with each boolean option
// off and on, the others at their defaults but for the options that turn
// on an opt-in rule (an option may only matter to those), on the
// analyzer's own testdata: an option that changes nothing is untested or
// dead.
func TestEveryBoolOptionMatters(t *testing.T) {
	rules := conclint.Rules()
	for _, a := range conclint.NewSuite() {
		t.Run(a.Name, func(t *testing.T) {
			pkgs := testdataPackages(t, a.Name)
			with := func(opt, value string) map[string]string {
				flags := map[string]string{opt: value}
				for _, r := range rules[a.Name] {
					if r.OptIn != "" && r.OptIn != opt {
						flags[r.OptIn] = "true"
					}
				}
				return flags
			}
			for _, opt := range boolOptions(a) {
				off := findings(t, configured(t, a.Name, with(opt, "false")), pkgs)
				on := findings(t, configured(t, a.Name, with(opt, "true")), pkgs)
				t.Logf("-%s.%s: %d findings off, %d on", a.Name, opt, len(off), len(on))
				if slices.Equal(off, on) {
					t.Errorf("-%s.%s changes nothing on its testdata (%d findings either way)", a.Name, opt, len(on))
				}
			}
		})
	}
}

// TestOptionsPerRun runs two differently configured suites in one process
// on the same package: each reports as configured, and neither changes
// the other or conclint.Suite.
func TestOptionsPerRun(t *testing.T) {
	pkgs := testdataPackages(t, "lockio")
	withIO, plain := conclint.NewSuite(), conclint.NewSuite()
	for _, a := range withIO {
		if a.Name == "lockio" {
			a.Flags.Set("io", "true")
		}
	}
	count := func(suite []*analysis.Analyzer) map[string]int {
		n := make(map[string]int)
		for _, pkg := range pkgs {
			res, err := harness.Analyze(harness.Guard(suite), pkg)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Diagnostics["lockio"] {
				n[d.Category]++
			}
		}
		return n
	}
	// Interleaved, so that state one run left behind would show in the next.
	first, second, third := count(withIO), count(plain), count(withIO)
	if first["lockio/io"] == 0 || second["lockio/io"] != 0 || third["lockio/io"] != first["lockio/io"] {
		t.Errorf("lockio/io findings: with -lockio.io %d, without %d, with again %d", first["lockio/io"], second["lockio/io"], third["lockio/io"])
	}
	if first["lockio/relock"] == 0 || first["lockio/relock"] != second["lockio/relock"] {
		t.Errorf("lockio/relock findings differ between the suites: %d and %d", first["lockio/relock"], second["lockio/relock"])
	}
	for _, a := range conclint.Suite {
		for _, name := range boolOptions(a) {
			if f := a.Flags.Lookup(name); f.Value.String() != f.DefValue {
				t.Errorf("conclint.Suite's %s.%s = %s, not its default", a.Name, name, f.Value)
			}
		}
	}
}

// TestEveryAnalyzerOptionsPerRun is TestOptionsPerRun for every analyzer
// and every boolean option at once: on its own testdata, an analyzer with
// its defaults, then one with every boolean option flipped, then the
// defaults again and the flipped one again, all in one process. Each
// configuration reports the same each time and the two differ: no run
// leaves state that another configuration sees.
func TestEveryAnalyzerOptionsPerRun(t *testing.T) {
	for _, a := range conclint.Suite {
		t.Run(a.Name, func(t *testing.T) {
			pkgs := testdataPackages(t, a.Name)
			flipped := make(map[string]string)
			for _, opt := range boolOptions(a) {
				if a.Flags.Lookup(opt).DefValue == "true" {
					flipped[opt] = "false"
				} else {
					flipped[opt] = "true"
				}
			}
			defaults1 := findings(t, configured(t, a.Name, nil), pkgs)
			flipped1 := findings(t, configured(t, a.Name, flipped), pkgs)
			defaults2 := findings(t, configured(t, a.Name, nil), pkgs)
			flipped2 := findings(t, configured(t, a.Name, flipped), pkgs)
			if !slices.Equal(defaults1, defaults2) {
				t.Errorf("defaults: %d findings, then %d after a run with %v", len(defaults1), len(defaults2), flipped)
			}
			if !slices.Equal(flipped1, flipped2) {
				t.Errorf("with %v: %d findings, then %d after a run with the defaults", flipped, len(flipped1), len(flipped2))
			}
			if slices.Equal(defaults1, flipped1) {
				t.Errorf("with %v: the same %d findings as the defaults", flipped, len(flipped1))
			}
		})
	}
}
