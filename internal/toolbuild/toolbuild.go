// Package toolbuild builds the tools that link conclint's analyzers in —
// golangci-lint with conclint's module plugins (Golangci) and gopls with
// conclint's analyzers beside its own (Gopls) — from the Go module proxy
// (or module cache) alone. Both go the same way: copy the tool's module
// source out of the module cache, add one generated file, replace
// conclint with the local checkout, go mod tidy, go build. Unlike
// "golangci-lint custom", nothing is cloned from github.com.
//
// Offline, with a module cache that holds the tool and its dependencies,
// GOPROXY=off works.
package toolbuild

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Module is conclint's module path, replaced by the local checkout.
const Module = "github.com/conclint/conclint"

// Options configures a build.
type Options struct {
	Version string    // the tool's module version, e.g. "v2.15.0"; empty for the default
	Root    string    // conclint checkout (module root) to link in
	WorkDir string    // scratch directory; the tool's source is copied under it
	Output  string    // path of the binary to write
	Force   bool      // rebuild even when Output is up to date
	Log     io.Writer // progress messages; nil for none
}

// Binary is a built tool.
type Binary struct {
	Path    string
	Stamp   string        // hash of what it was built from (tool version, toolchain, conclint sources)
	Rebuilt bool          // false when an up-to-date binary was already there
	Took    time.Duration // time the build took; zero when it was up to date
}

// build is one tool build under way.
type build struct {
	opts  Options
	bin   Binary
	start time.Time
}

// begin resolves the paths of opts and stamps the build with the tool
// (module@version), the Go toolchain and conclint's sources. It returns
// nil and the binary when an up-to-date binary is already there.
func begin(opts Options, tool string) (*build, Binary, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	var err error
	for _, p := range []*string{&opts.Root, &opts.WorkDir, &opts.Output} {
		if *p, err = filepath.Abs(*p); err != nil {
			return nil, Binary{}, err
		}
	}
	goVersion, err := run(opts.Root, "go", "env", "GOVERSION")
	if err != nil {
		return nil, Binary{}, err
	}
	srcHash, err := hashSources(opts.Root)
	if err != nil {
		return nil, Binary{}, err
	}
	b := &build{opts: opts, start: time.Now()}
	b.bin = Binary{Path: opts.Output, Stamp: hashStrings(tool, strings.TrimSpace(goVersion), srcHash)}
	if !opts.Force {
		old, err := os.ReadFile(b.stampFile())
		if _, statErr := os.Stat(opts.Output); err == nil && statErr == nil && string(old) == b.bin.Stamp {
			fmt.Fprintf(opts.Log, "%s is up to date\n", opts.Output)
			return nil, b.bin, nil
		}
	}
	return b, b.bin, nil
}

func (b *build) stampFile() string { return b.opts.Output + ".stamp" }

// step prints what starts and returns the func that prints how long it took.
func (b *build) step(format string, args ...any) func() {
	start := time.Now()
	fmt.Fprintf(b.opts.Log, format, args...)
	return func() { fmt.Fprintf(b.opts.Log, " (%.1fs)\n", time.Since(start).Seconds()) }
}

// fetch downloads module@version through the go command and copies its
// source, writable, to a fresh directory under WorkDir, which it returns.
func (b *build) fetch(module, version string) (string, error) {
	done := b.step("downloading %s@%s", module, version)
	out, err := run(b.opts.Root, "go", "mod", "download", "-json", module+"@"+version)
	var mod struct{ Dir, Error string }
	if jsonErr := json.Unmarshal([]byte(out), &mod); err == nil && (jsonErr != nil || mod.Error != "" || mod.Dir == "") {
		err = fmt.Errorf("go mod download %s@%s: %s %v", module, version, mod.Error, jsonErr)
	}
	if err != nil {
		return "", err
	}
	done()

	done = b.step("copying its source to %s", b.opts.WorkDir)
	src := filepath.Join(b.opts.WorkDir, filepath.Base(module)+"-"+version)
	if err := os.RemoveAll(src); err != nil {
		return "", err
	}
	if err := copyTree(mod.Dir, src); err != nil {
		return "", err
	}
	done()
	return src, nil
}

// link points the module in src at the conclint checkout, adds the
// replace directives given as "old=new" and tidies it.
func (b *build) link(src string, replaces ...string) error {
	done := b.step("linking %s from %s", Module, b.opts.Root)
	args := []string{"mod", "edit", "-replace", Module + "=" + b.opts.Root}
	for _, r := range replaces {
		args = append(args, "-replace", r)
	}
	if _, err := run(src, "go", args...); err != nil {
		return err
	}
	if _, err := run(src, "go", "mod", "tidy"); err != nil {
		return err
	}
	done()
	return nil
}

// compile builds pkg of the module in src into Output and records the stamp.
func (b *build) compile(src, pkg, ldflags string) (Binary, error) {
	done := b.step("building %s", b.opts.Output)
	if _, err := run(src, "go", "build", "-trimpath", "-ldflags", ldflags, "-o", b.opts.Output, pkg); err != nil {
		return b.bin, err
	}
	done()
	b.bin.Rebuilt = true
	b.bin.Took = time.Since(b.start)
	if info, err := os.Stat(b.opts.Output); err == nil {
		fmt.Fprintf(b.opts.Log, "built %s: %.0f MB in %.0fs\n", b.opts.Output, float64(info.Size())/1e6, b.bin.Took.Seconds())
	}
	return b.bin, os.WriteFile(b.stampFile(), []byte(b.bin.Stamp), 0o644)
}

// versionSuffix is what the built binary's version carries after the
// tool's own: the stamp that says which conclint sources it links.
func (b *build) versionSuffix() string { return "-conclint-" + b.bin.Stamp[:12] }

// run runs a go command in dir, outside any workspace, and returns its
// stdout; the error carries stderr.
func run(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s %s (in %s): %v\n%s", name, strings.Join(args, " "), dir, err, stderr.Bytes())
	}
	return stdout.String(), nil
}

// copyTree copies the regular files under from to to, writable (the
// module cache is read-only).
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}

// hashSources hashes what a tool build compiles from the checkout:
// go.mod, go.sum and non-test Go files, skipping testdata, examples and
// hidden directories.
func hashSources(root string) (string, error) {
	h := sha256.New()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
				name == "testdata" || name == "examples" || name == "bin") {
				return filepath.SkipDir
			}
			return nil
		}
		if name != "go.mod" && name != "go.sum" && (!strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go")) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

func hashStrings(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s\n", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ModuleRoot returns the directory of the main module: the conclint
// checkout the builder commands run in.
func ModuleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	gomod := strings.TrimSpace(string(out))
	if err != nil || gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("run it inside a conclint checkout (go env GOMOD: %q, %v)", gomod, err)
	}
	return filepath.Dir(gomod), nil
}

// WorkDir is the default scratch directory of a builder: under the user's
// cache directory, so that it survives between builds, and one per conclint
// checkout (the one the command runs in), so that builds from two
// checkouts do not overwrite each other's copy of the tool's source.
func WorkDir(builder string) string {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	root, _ := ModuleRoot()
	return workDir(cache, builder, root)
}

func workDir(cache, builder, root string) string {
	dir := filepath.Join(cache, "conclint", builder)
	if root == "" {
		return dir
	}
	return filepath.Join(dir, hashStrings(root)[:12])
}
