package conclint_test

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/harness"
)

// FuzzSuite mutates Go files from the analyzers' testdata, type-checks
// what parses and runs every analyzer of the suite on what type-checks.
// No input may make an analyzer panic or emit an invalid suggested fix.
//
//	go test -run='^$' -fuzz=FuzzSuite -fuzztime=10m -parallel=1 .
func FuzzSuite(f *testing.F) {
	roots, seeds := testdataSources(f)
	for _, path := range seeds {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src, strings.HasSuffix(path, "_test.go"), false)
		f.Add(src, strings.HasSuffix(path, "_test.go"), true)
	}
	fset := token.NewFileSet()
	imp := harness.NewSourceImporter(fset, roots...)
	suites := map[bool][]*analysis.Analyzer{false: harness.Guard(conclint.Suite), true: harness.Guard(boolOptionsOn())}
	// Import what the seeds import before fuzzing: the fuzzer gives each
	// input 10 s, and loading export data on a busy machine can take longer.
	for _, path := range seeds {
		if file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution); err == nil {
			harness.Check(fset, "warm/"+file.Name.Name, []*ast.File{file}, imp)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, testFile, flagsOn bool) {
		name := "fuzz.go"
		if testFile {
			name = "fuzz_test.go"
		}
		file, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return
		}
		defer fset.RemoveFile(fset.File(file.FileStart)) // keeps the shared FileSet from growing
		pkg := harness.Check(fset, "fuzz/"+file.Name.Name, []*ast.File{file}, imp)
		if pkg.IllTyped {
			return // drivers report type errors and do not run the analyzers
		}
		res, err := harness.Analyze(suites[flagsOn], pkg)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range res.Panics {
			t.Error(p)
		}
	})
}

// boolOptionsOn returns a new suite with every boolean option on, so the
// fuzzer reaches the code paths behind options too.
func boolOptionsOn() []*analysis.Analyzer {
	suite := conclint.NewSuite()
	for _, a := range suite {
		for _, name := range boolOptions(a) {
			a.Flags.Set(name, "true")
		}
	}
	return suite
}

// boolOptions returns the names of a's boolean flags.
func boolOptions(a *analysis.Analyzer) []string {
	var names []string
	a.Flags.VisitAll(func(fl *flag.Flag) {
		if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			names = append(names, fl.Name)
		}
	})
	return names
}

// testdataSources returns the analyzers' testdata/src roots and the Go
// files under them.
func testdataSources(tb testing.TB) (roots, files []string) {
	roots, err := filepath.Glob(filepath.Join("analyzers", "*", "testdata", "src"))
	if err != nil || len(roots) == 0 {
		tb.Fatalf("no analyzer testdata found: %v", err)
	}
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
				files = append(files, path)
			}
			return err
		})
	}
	return roots, files
}

// TestFuzzSeedsReachAnalyzers guards the fuzz harness itself: the seeds
// must type-check and make the suite report, or the fuzzer explores nothing.
func TestFuzzSeedsReachAnalyzers(t *testing.T) {
	roots, seeds := testdataSources(t)
	fset := token.NewFileSet()
	imp := harness.NewSourceImporter(fset, roots...)
	suite := harness.Guard(conclint.Suite)
	typed, reported := 0, 0
	for _, path := range seeds {
		file, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		pkg := harness.Check(fset, "fuzz/"+file.Name.Name, []*ast.File{file}, imp)
		if pkg.IllTyped {
			t.Logf("%s: %v", path, pkg.TypeErrors[0])
			continue
		}
		typed++
		res, err := harness.Analyze(suite, pkg)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range res.Panics {
			t.Error(p)
		}
		for _, diags := range res.Diagnostics {
			reported += len(diags)
		}
	}
	if typed < len(seeds)/2 || reported == 0 {
		t.Errorf("%d of %d seeds type-check, %d diagnostics: the fuzz harness reaches too little", typed, len(seeds), reported)
	}
}
