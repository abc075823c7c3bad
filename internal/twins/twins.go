// Package twins lets the go command's two vet tool calls on one package
// share one analysis.
//
// go vet calls the tool on the test variant of every package it vets (the
// package's files and its _test.go files, reported on) and, when another
// package imports it, on the plain package too (its files only, for the
// facts and types its importers read: VetxOnly). When conclint leaves the
// tests out (internal/driver, notest.go) the two calls analyse the same
// files with the same imports: the second parses, type-checks and
// analyses the package again for nothing. On gitea, 211 of 369 packages
// are analysed twice.
//
// The go command usually runs the facts-only call first (importers wait
// for it). So that call analyses the package fully, in a child process
// with the call's config made a reporting one (the child's unitchecker
// exits the process, which then keeps what it wrote), and leaves the
// outputs (types and facts, stdout, stderr, exit code) in the go
// command's work directory; the reporting call then only replays them,
// after waiting for the analysis if it is still running. When the
// reporting call comes first it leaves a mark, and the facts-only call
// runs as before. On gitea the reporting calls went from 21 s of CPU to
// 11 s and the facts-only calls from 15 s to 19 s.
//
// The entries live in the work directory of the go command's run
// ($WORK/conclint-twins), which the go command removes when it is done:
// nothing is replayed from one run to the next (go vet's own cache does
// that), and the key names that directory. A facts-only call is made a
// full one only for a package that may have a reporting twin: one whose
// directory has _test.go files of the package itself, outside GOROOT and
// the module cache (which go vet ./... reports on). A package outside the
// patterns then costs its reporting analyzers once for nothing.
//
// CONCLINT_TWINS=off turns this off; CONCLINT_TWINS_LOG=file appends a
// line per decision, for tests and measurements.
package twins

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/conclint/conclint/internal/factcache"
)

// Env turns the sharing off ("off", "0", "false").
const Env = "CONCLINT_TWINS"

// LogEnv names the file each decision is appended to.
const LogEnv = "CONCLINT_TWINS_LOG"

// childEnv marks the child process of a facts-only call.
const childEnv = "CONCLINT_TWINS_CHILD"

// InChild reports whether this process analyses a facts-only call for
// its parent: it is no reporting call of go vet's (no progress to count).
func InChild() bool { return os.Getenv(childEnv) == "1" }

func off() bool {
	switch os.Getenv(Env) {
	case "off", "0", "false":
		return true
	}
	return InChild()
}

// entry is what a facts-only call that analysed its package fully leaves
// for the reporting call: its outputs are files beside it.
type entry struct {
	Outputs     string            // base.PID: its types and facts (.vetx) and stdout (.stdout)
	Code        int               // the full analysis' exit code
	Stderr      []byte            // what it printed there (text diagnostics, errors)
	PackageVetx map[string]string // the imports it read: the reporting call must read the same
}

// call is one tool call that may share its analysis with its twin.
type call struct {
	cfg     *factcache.Config
	dir     string // $WORK/conclint-twins
	base    string // dir/key: the entry, base.root, base.running
	outputs string // base.PID: a full analysis' outputs, its own (see entry)
}

// newCall returns the call of cfg, or nil when it has no twin to share
// with: a fix, a call whose ID is not its package's import path, or one
// whose files differ from its twin's (its tests are analysed).
func newCall(cfg *factcache.Config, toolArgs []string) *call {
	if off() || cfg.VetxOutput == "" || cfg.FixArchive != "" || cfg.ID != cfg.ImportPath || len(cfg.GoFiles) == 0 {
		return nil
	}
	for _, a := range toolArgs {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "fix" || name == "diff" {
			return nil
		}
	}
	for _, f := range cfg.GoFiles {
		if strings.HasSuffix(f, "_test.go") {
			return nil // tests are analysed: the two calls differ
		}
	}
	work := filepath.Dir(filepath.Dir(cfg.VetxOutput)) // $WORK/bNNN/vet.out
	h := sha256.New()
	fmt.Fprintf(h, "conclint twins v1\nwork %q\nargs %q\n", work, toolArgs)
	fmt.Fprintf(h, "id %q compiler %q dir %q module %q %q lang %q succeed %v\n", cfg.ID, cfg.Compiler, cfg.Dir, cfg.ModulePath, cfg.ModuleVersion, cfg.GoVersion, cfg.SucceedOnTypecheckFailure)
	fmt.Fprintf(h, "go %q\nother %q\n", cfg.GoFiles, cfg.NonGoFiles)
	dir := filepath.Join(work, "conclint-twins")
	base := filepath.Join(dir, hex.EncodeToString(h.Sum(nil)))
	return &call{cfg: cfg, dir: dir, base: base, outputs: base + "." + strconv.Itoa(os.Getpid())}
}

// Replay answers a reporting call from the outputs its facts-only twin
// left: it writes them as unitchecker would have and returns the exit
// code. ok is false when there are none (the call then runs as before,
// and its twin, if it comes later, is told so).
func Replay(cfg *factcache.Config, toolArgs []string) (code int, ok bool) {
	c := newCall(cfg, toolArgs)
	if c == nil || cfg.VetxOnly {
		return 0, false
	}
	e, err := c.read()
	if err != nil && c.await() {
		e, err = c.read()
	}
	if err != nil {
		logf("miss %s", cfg.ID)
		os.MkdirAll(c.dir, 0o777)
		os.WriteFile(c.base+".root", nil, 0o666) // best effort: the twin then stays facts-only
		return 0, false
	}
	if err := c.replay(e); err != nil {
		logf("miss %s (%v)", cfg.ID, err)
		return 0, false
	}
	logf("replay %s", cfg.ID)
	return e.Code, true
}

// await waits while the twin analyses the package (it is running, not
// done: base.running names its process) and reports whether it waited.
// Analysing it here too would cost a second analysis for the same result.
func (c *call) await() bool {
	waited := false
	for {
		data, err := os.ReadFile(c.base + ".running")
		if err != nil {
			return waited
		}
		pid, err := strconv.Atoi(string(data))
		if err != nil || !alive(pid) {
			return waited
		}
		waited = true
		time.Sleep(5 * time.Millisecond)
	}
}

func (c *call) read() (*entry, error) {
	data, err := os.ReadFile(c.base)
	if err != nil {
		return nil, err
	}
	e := new(entry)
	if err := json.Unmarshal(data, e); err != nil {
		return nil, err
	}
	for imp, out := range e.PackageVetx {
		if c.cfg.PackageVetx[imp] != out {
			return nil, fmt.Errorf("import %s differs", imp)
		}
	}
	return e, nil
}

func (c *call) replay(e *entry) error {
	vetx, err := os.ReadFile(e.Outputs + ".vetx")
	if err != nil {
		return err
	}
	stdout, err := os.ReadFile(e.Outputs + ".stdout")
	if err != nil {
		return err
	}
	if err := os.WriteFile(c.cfg.VetxOutput, vetx, 0o666); err != nil {
		return err
	}
	if c.cfg.Stdout != "" {
		err = os.WriteFile(c.cfg.Stdout, stdout, 0o666)
	} else {
		_, err = os.Stdout.Write(stdout)
	}
	if err != nil {
		return err
	}
	os.Stderr.Write(e.Stderr)
	return nil
}

// AnalyseFully answers a facts-only call that may have a reporting twin
// by analysing the package fully in a child process (cfgFile made a
// reporting call whose outputs go beside the entry), writing the facts-only
// call's outputs from it and leaving the entry. It returns the exit code;
// ok is false when the call is not such a one, or its twin came first.
func AnalyseFully(cfg *factcache.Config, args []string) (code int, ok bool) {
	c := newCall(cfg, args[:len(args)-1])
	if c == nil || !cfg.VetxOnly || factcache.Immutable(cfg) || !hasOwnTests(cfg) {
		return 0, false
	}
	if _, err := os.Stat(c.base + ".root"); err == nil {
		logf("after %s", cfg.ID)
		return 0, false
	}
	if err := os.MkdirAll(c.dir, 0o777); err != nil {
		return 0, false
	}
	// The twin waits while this process runs (await); os.Exit follows,
	// so no defer.
	running := c.base + ".running"
	if err := os.WriteFile(running, []byte(strconv.Itoa(os.Getpid())), 0o666); err != nil {
		return 0, false
	}
	code, ok = c.analyseFully(args)
	os.Remove(running)
	return code, ok
}

func (c *call) analyseFully(args []string) (code int, ok bool) {
	cfg := c.cfg
	full, err := c.reportingConfig(args[len(args)-1])
	if err != nil {
		return 0, false
	}
	exe, err := os.Executable()
	if err != nil {
		return 0, false
	}
	toolArgs := args[: len(args)-1 : len(args)-1]
	var stderr bytes.Buffer
	cmd := exec.Command(exe, append(toolArgs, full)...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stdout, cmd.Stderr = os.Stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return 0, false // not run: analyse here
	}
	if _, err := os.Stat(c.outputs + ".vetx"); err != nil {
		// The analysis failed (a type error): a facts-only call fails
		// silently, and the reporting call, analysing, reports it.
		logf("failed %s", cfg.ID)
		return 1, true
	}
	if err := copyFile(c.outputs+".vetx", cfg.VetxOutput); err != nil {
		return 1, true
	}
	if cfg.Stdout != "" {
		os.WriteFile(cfg.Stdout, nil, 0o666) // a facts-only call prints nothing
	}
	e := entry{Outputs: c.outputs, Code: cmd.ProcessState.ExitCode(), Stderr: stderr.Bytes(), PackageVetx: cfg.PackageVetx}
	if data, err := json.Marshal(e); err == nil {
		tmp := c.base + ".tmp"
		if os.WriteFile(tmp, data, 0o666) == nil && os.Rename(tmp, c.base) == nil {
			logf("full %s", cfg.ID)
		}
	}
	return 0, true
}

// reportingConfig writes the config of the child's call: cfgFile's, made
// a reporting call whose types and facts and stdout go beside the entry.
func (c *call) reportingConfig(cfgFile string) (string, error) {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return "", err
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return "", err
	}
	raw["VetxOnly"] = json.RawMessage("false")
	raw["VetxOutput"], _ = json.Marshal(c.outputs + ".vetx")
	raw["Stdout"], _ = json.Marshal(c.outputs + ".stdout")
	out, err := json.Marshal(raw)
	if err != nil {
		return "", err
	}
	name := c.outputs + ".cfg"
	return name, os.WriteFile(name, out, 0o666)
}

// hasOwnTests reports whether the package's directory has _test.go files
// of the package itself: go vet then calls the tool on a test variant of
// it too, which conclint analyses without them.
func hasOwnTests(cfg *factcache.Config) bool {
	name := packageName(cfg.GoFiles[0])
	if name == "" {
		return false
	}
	tests, _ := filepath.Glob(filepath.Join(cfg.Dir, "*_test.go"))
	for _, t := range tests {
		if packageName(t) == name {
			return true
		}
	}
	return false
}

func packageName(file string) string {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.PackageClauseOnly)
	if err != nil {
		return ""
	}
	return f.Name.Name
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func logf(format string, args ...any) { factcache.AppendLog(LogEnv, format, args...) }
