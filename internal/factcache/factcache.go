// Package factcache answers the go command's facts-only vet tool calls
// (VetxOnly: a dependency of the packages being vetted, analysed only for
// the types and facts its importers need) for packages that do not
// change, the standard library and the module cache, from a
// content-addressed cache in the user's cache directory, instead of
// parsing and type-checking them again.
//
// go vet keeps vet results in the go build cache, keyed by the vet tool's
// ID; a new checkout, a fresh CI machine, a new conclint build or a
// cleaned build cache start that over. This cache is keyed by what the
// output is a function of (see Key), so it serves every build cache and
// every checkout that has the same inputs.
//
// On a miss the call is analysed as before (unitchecker) and the key is
// left beside its output (VetxOutput + ".conclint-factkey"); unitchecker
// exits the process, so the output is stored by the first later tool call
// that imports the package (Adopt): the go command lists a dependency's
// output among an importer's inputs (PackageVetx) only when the
// dependency's tool call succeeded, so what is adopted is complete.
//
// Entries carry a checksum of their content; an entry that does not match
// it is removed and never served.
//
// CONCLINT_FACTCACHE=off disables the cache; CONCLINT_FACTCACHE=dir puts
// it in dir instead of os.UserCacheDir()/conclint/facts.
// CONCLINT_FACTCACHE_LOG=file appends a line per facts-only call and per
// stored entry ("hit", "miss", "skip", "store" and the import path), for
// tests and measurements.
package factcache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/build"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Env names the variable that disables the cache ("off") or moves it (a
// directory).
const Env = "CONCLINT_FACTCACHE"

// LogEnv names the file each call appends its outcome to.
const LogEnv = "CONCLINT_FACTCACHE_LOG"

// keySuffix names the file, beside a computed output, that holds its key.
const keySuffix = ".conclint-factkey"

// Config is the part of the go command's vet.cfg that the cache reads.
type Config struct {
	ID                        string
	Compiler                  string
	Dir                       string
	ImportPath                string
	GoFiles                   []string
	NonGoFiles                []string
	IgnoredFiles              []string
	ModulePath                string
	ModuleVersion             string
	ImportMap                 map[string]string
	Standard                  map[string]bool
	PackageVetx               map[string]string
	VetxOnly                  bool
	VetxOutput                string
	Stdout                    string
	GoVersion                 string
	FixArchive                string
	SucceedOnTypecheckFailure bool
}

// ReadConfig reads a vet.cfg.
func ReadConfig(file string) (*Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	cfg := new(Config)
	if err := json.Unmarshal(data, cfg); err != nil {
		return nil, fmt.Errorf("cannot decode %s: %v", file, err)
	}
	return cfg, nil
}

// Dir returns the cache directory, or "" when the cache is off.
func Dir() string {
	switch v := os.Getenv(Env); v {
	case "off", "0", "false":
		return ""
	case "":
		d, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(d, "conclint", "facts")
	default:
		return v
	}
}

// Immutable reports whether the package of cfg is one whose sources do not
// change: in GOROOT or in the module cache, as the go command that runs the
// tool names them in its environment. The key does not rely on it (it
// hashes the sources); it keeps packages being edited out of the cache.
func Immutable(cfg *Config) bool {
	under := func(dir, root string) bool {
		return root != "" && strings.HasPrefix(dir, filepath.Clean(root)+string(filepath.Separator))
	}
	if goroot := os.Getenv("GOROOT"); under(cfg.Dir, filepath.Join(goroot, "src")) {
		return cfg.ModulePath == "" || cfg.ModulePath == "std" || cfg.ModulePath == "cmd"
	}
	return cfg.ModuleVersion != "" && under(cfg.Dir, os.Getenv("GOMODCACHE"))
}

// Call is one facts-only tool call that the cache may answer.
type Call struct {
	dir string
	cfg *Config
	key string
}

// Lookup prepares the facts-only call of cfg: nil when the cache is off,
// the call is not facts-only, the package is not immutable or its inputs
// cannot be read. toolArgs are the tool's arguments before the vet.cfg
// (the analyzer flags, which go vet passes on every call).
func Lookup(cfg *Config, toolArgs []string) *Call {
	dir := Dir()
	if dir == "" || !cfg.VetxOnly || cfg.VetxOutput == "" || cfg.FixArchive != "" {
		return nil
	}
	if !Immutable(cfg) {
		logf("skip %s", cfg.ID)
		return nil
	}
	tool, err := toolID()
	if err != nil {
		return nil
	}
	key, err := Key(cfg, tool, toolArgs)
	if err != nil {
		return nil
	}
	return &Call{dir: dir, cfg: cfg, key: key}
}

// Serve writes the cached output of the call, if there is a sound entry,
// and reports whether it did; the call is then answered. Otherwise it
// leaves the key beside the output to be, for Adopt to store.
func (c *Call) Serve() bool {
	if data, ok := get(c.dir, c.key); ok {
		if err := writeOutput(c.cfg, data); err == nil {
			logf("hit %s", c.cfg.ID)
			return true
		}
	}
	logf("miss %s", c.cfg.ID)
	os.WriteFile(c.cfg.VetxOutput+keySuffix, []byte(c.key), 0o666) // best effort
	return false
}

// writeOutput writes what unitchecker writes on a facts-only call: the
// output and an empty stdout.
func writeOutput(cfg *Config, data []byte) error {
	if cfg.Stdout != "" {
		if err := os.WriteFile(cfg.Stdout, nil, 0o666); err != nil {
			return err
		}
	}
	return os.WriteFile(cfg.VetxOutput, data, 0o666)
}

// Adopt stores the outputs of the imports of cfg that were computed on a
// cache miss (a key file beside them). Call it on every tool call with a
// vet.cfg, before the analysis.
func Adopt(cfg *Config) {
	dir := Dir()
	if dir == "" {
		return
	}
	for _, imp := range sortedKeys(cfg.PackageVetx) {
		out := cfg.PackageVetx[imp]
		key, err := os.ReadFile(out + keySuffix)
		if err != nil || !validKey(string(key)) {
			continue
		}
		os.Remove(out + keySuffix) // one importer stores it
		data, err := os.ReadFile(out)
		if err != nil {
			continue
		}
		if put(dir, string(key), data) == nil {
			logf("store %s", imp)
		}
	}
}

// Key returns the cache key of a facts-only call: a hash of everything its
// output is a function of. The output is the package's export data and
// facts; the analysis reads the package's files, its imports' outputs
// (their types and facts: PackageVetx, not the compiler's export data),
// the config (import path, import map, language version), the analyzer
// flags, the target architecture (type sizes) and the tool, which holds
// the analyzers, go/types and the fact encoding. Files are named by path
// (positions in the export data name them) and hashed by content.
//
// The files cgo generates are named relative to the call's work directory,
// which is new on every run, so that packages using cgo (net, os/user) and
// everything that imports them are served too. Their output names that
// work directory in the positions of cgo's declarations (_Ctype_int), so a
// served output names the work directory of the run that computed it:
// those files are gone after every run anyway, and no position of the
// analysed packages' own files changes.
func Key(cfg *Config, tool string, toolArgs []string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "conclint facts v1\ntool %q\nargs %q\n", tool, toolArgs)
	fmt.Fprintf(h, "goos %q goarch %q goversion %q\n", build.Default.GOOS, build.Default.GOARCH, os.Getenv("GOVERSION"))
	fmt.Fprintf(h, "id %q compiler %q dir %q importpath %q\n", cfg.ID, cfg.Compiler, cfg.Dir, cfg.ImportPath)
	fmt.Fprintf(h, "module %q %q lang %q succeed %v\n", cfg.ModulePath, cfg.ModuleVersion, cfg.GoVersion, cfg.SucceedOnTypecheckFailure)
	for _, k := range sortedKeys(cfg.ImportMap) {
		fmt.Fprintf(h, "import %q %q std %v\n", k, cfg.ImportMap[k], cfg.Standard[cfg.ImportMap[k]])
	}
	// Files the go command generated (cgo's) are in the call's own work
	// directory, a new one on every run: they are named relative to it.
	objdir := filepath.Dir(cfg.VetxOutput) + string(filepath.Separator)
	hashFiles := func(kind string, files []string) error {
		for _, f := range files {
			sum, err := fileHash(f)
			if err != nil {
				return err
			}
			if rel, ok := strings.CutPrefix(f, objdir); ok {
				f = "$OBJDIR/" + filepath.ToSlash(rel)
			}
			fmt.Fprintf(h, "%s %q %x\n", kind, f, sum)
		}
		return nil
	}
	if err := hashFiles("go", cfg.GoFiles); err != nil {
		return "", err
	}
	if err := hashFiles("other", cfg.NonGoFiles); err != nil {
		return "", err
	}
	for _, f := range cfg.IgnoredFiles {
		fmt.Fprintf(h, "ignored %q\n", f) // no analyzer with facts reads them
	}
	for _, imp := range sortedKeys(cfg.PackageVetx) {
		sum, err := fileHash(cfg.PackageVetx[imp])
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "vetx %q %x\n", imp, sum)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func fileHash(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func validKey(key string) bool {
	if len(key) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(key)
	return err == nil
}

// toolID identifies the running executable: its Go build ID, whose last
// part is a hash of the binary's content, or else a hash of the file.
func toolID() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if id := goBuildID(exe); id != "" {
		return "buildid " + id, nil
	}
	sum, err := fileHash(exe)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("sha256 %x", sum), nil
}

var rawBuildIDPrefix = []byte("\xff Go build ID: \"")

// goBuildID reads the Go build ID of an executable: the ELF note, or the
// string at the start of the text segment elsewhere. "" when there is none.
func goBuildID(exe string) string {
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			data, err := s.Data()
			// namesz, descsz, type (4 bytes each), "Go\x00\x00", desc
			if err == nil && len(data) > 16 && string(data[12:16]) == "Go\x00\x00" {
				desc := data[16:]
				n := int(f.ByteOrder.Uint32(data[4:8]))
				if n > 0 && n <= len(desc) && contentID(string(desc[:n])) {
					return string(desc[:n])
				}
			}
		}
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, buf)
	buf = buf[:n]
	i := bytes.Index(buf, rawBuildIDPrefix)
	if i < 0 {
		return ""
	}
	rest := buf[i+len(rawBuildIDPrefix):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 || !contentID(string(rest[:j])) {
		return ""
	}
	return string(rest[:j])
}

// contentID reports whether a build ID has the form the go command writes,
// parts separated by slashes, the last one the hash of the content; a build
// ID set by hand (-ldflags=-buildid=x) does not identify the binary.
func contentID(id string) bool {
	parts := strings.Split(id, "/")
	return len(parts) >= 2 && len(parts[len(parts)-1]) >= 16
}

// An entry is a header line, the SHA-256 of the content in hex and a
// newline, then the content.
const magic = "conclint facts entry v1\n"

func entryPath(dir, key string) string {
	return filepath.Join(dir, key[:2], key+"-f")
}

// get returns the content of the entry for key, when there is one and it
// matches its checksum; an entry that does not is removed.
func get(dir, key string) ([]byte, bool) {
	path := entryPath(dir, key)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	content, ok := decode(data)
	if !ok {
		logf("corrupt %s", key)
		os.Remove(path)
		return nil, false
	}
	if fi, err := os.Stat(path); err == nil && time.Since(fi.ModTime()) > time.Hour {
		now := time.Now()
		os.Chtimes(path, now, now) // used: keep it through trimming
	}
	return content, true
}

func decode(data []byte) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(data, []byte(magic))
	if !ok || len(rest) < 2*sha256.Size+1 || rest[2*sha256.Size] != '\n' {
		return nil, false
	}
	sum, content := rest[:2*sha256.Size], rest[2*sha256.Size+1:]
	want := sha256.Sum256(content)
	if string(sum) != hex.EncodeToString(want[:]) {
		return nil, false
	}
	return content, true
}

// put writes the entry for key atomically: a temporary file in the same
// directory, renamed.
func put(dir, key string, content []byte) error {
	path := entryPath(dir, key)
	if _, err := os.Stat(path); err == nil {
		return nil // the same key has the same content
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return err
	}
	sum := sha256.Sum256(content)
	var b bytes.Buffer
	b.WriteString(magic)
	b.WriteString(hex.EncodeToString(sum[:]))
	b.WriteByte('\n')
	b.Write(content)
	tmp, err := os.CreateTemp(filepath.Dir(path), key[:8]+"-*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(b.Bytes())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	trim(dir)
	return nil
}

// Entries not used for trimAge are removed, at most once per trimInterval.
const (
	trimAge      = 5 * 24 * time.Hour
	trimInterval = 24 * time.Hour
)

// trim removes the entries not used for trimAge, and temporary files left
// by interrupted writes, when the last trim is older than trimInterval.
func trim(dir string) {
	stamp := filepath.Join(dir, "trim.txt")
	if fi, err := os.Stat(stamp); err == nil && time.Since(fi.ModTime()) < trimInterval {
		return
	} else if errors.Is(err, os.ErrNotExist) {
		os.WriteFile(stamp, nil, 0o666) // a new cache: nothing to trim yet
		return
	}
	now := time.Now()
	os.Chtimes(stamp, now, now)
	subdirs, _ := os.ReadDir(dir)
	for _, sub := range subdirs {
		if !sub.IsDir() || len(sub.Name()) != 2 {
			continue
		}
		files, _ := os.ReadDir(filepath.Join(dir, sub.Name()))
		for _, f := range files {
			fi, err := f.Info()
			if err != nil {
				continue
			}
			age := now.Sub(fi.ModTime())
			if age > trimAge || strings.HasSuffix(f.Name(), ".tmp") && age > time.Hour {
				os.Remove(filepath.Join(dir, sub.Name(), f.Name()))
			}
		}
	}
}

func logf(format string, args ...any) { AppendLog(LogEnv, format, args...) }

// AppendLog appends a line to the file the environment variable env
// names, if it names one: the log of a tool call's decisions, for tests
// and measurements (tool calls share no other output).
func AppendLog(env, format string, args ...any) {
	name := os.Getenv(env)
	if name == "" {
		return
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
	if err != nil {
		return
	}
	fmt.Fprintf(f, format+"\n", args...)
	f.Close()
}
