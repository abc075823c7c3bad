package factcache

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestEntryChecksum(t *testing.T) {
	dir := t.TempDir()
	key := strings.Repeat("ab", 32)
	if _, ok := get(dir, key); ok {
		t.Fatal("get on an empty cache hit")
	}
	if err := put(dir, key, []byte("facts")); err != nil {
		t.Fatal(err)
	}
	if data, ok := get(dir, key); !ok || string(data) != "facts" {
		t.Fatalf("get = %q, %v; want the stored content", data, ok)
	}
	// Flip one byte of the content: the entry is not served, and removed.
	path := entryPath(dir, key)
	data, _ := os.ReadFile(path)
	data[len(data)-1] ^= 1
	os.WriteFile(path, data, 0o666)
	if got, ok := get(dir, key); ok {
		t.Fatalf("a corrupt entry was served: %q", got)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("the corrupt entry was not removed")
	}
	// A truncated entry is not served either.
	put(dir, key, []byte("facts"))
	data, _ = os.ReadFile(path)
	os.WriteFile(path, data[:len(magic)+10], 0o666)
	if _, ok := get(dir, key); ok {
		t.Fatal("a truncated entry was served")
	}
}

func TestKeyChangesWithInputs(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.go")
	vetx := filepath.Join(dir, "dep.vetx")
	os.WriteFile(src, []byte("package a\n"), 0o666)
	os.WriteFile(vetx, []byte("types+facts"), 0o666)
	cfg := &Config{ImportPath: "a", GoFiles: []string{src}, PackageVetx: map[string]string{"dep": vetx}, VetxOutput: filepath.Join(dir, "obj", "vet.out")}
	base, err := Key(cfg, "tool", nil)
	if err != nil {
		t.Fatal(err)
	}
	change := map[string]func(){
		"source":   func() { os.WriteFile(src, []byte("package a // changed\n"), 0o666) },
		"import":   func() { os.WriteFile(vetx, []byte("other facts"), 0o666) },
		"language": func() { cfg.GoVersion = "go1.22" },
	}
	for name, f := range change {
		f()
		k, err := Key(cfg, "tool", nil)
		if err != nil {
			t.Fatal(err)
		}
		if k == base {
			t.Errorf("key unchanged after changing the %s", name)
		}
		base = k
	}
	for name, k := range map[string]func() (string, error){
		"tool":  func() (string, error) { return Key(cfg, "other tool", nil) },
		"flags": func() (string, error) { return Key(cfg, "tool", []string{"-droppedctx.logging"}) },
	} {
		if got, _ := k(); got == base {
			t.Errorf("key unchanged with another %s", name)
		}
	}
	// A generated file in the call's own work directory is named relative
	// to it: another run's work directory gives the same key.
	gen := filepath.Join(dir, "obj", "_cgo_gotypes.go")
	os.MkdirAll(filepath.Dir(gen), 0o777)
	os.WriteFile(gen, []byte("package a\n"), 0o666)
	cfg.GoFiles = append(cfg.GoFiles, gen)
	k1, _ := Key(cfg, "tool", nil)
	gen2 := filepath.Join(dir, "obj2", "_cgo_gotypes.go")
	os.MkdirAll(filepath.Dir(gen2), 0o777)
	os.WriteFile(gen2, []byte("package a\n"), 0o666)
	cfg.GoFiles[1], cfg.VetxOutput = gen2, filepath.Join(dir, "obj2", "vet.out")
	if k2, _ := Key(cfg, "tool", nil); k1 != k2 {
		t.Error("the key depends on the work directory of the call")
	}
}

// TestGoVetEquivalence runs go vet -vettool=conclint on the example shop
// (whose findings need the standard library's types) with the cache off,
// cold and warm, each with a tool ID go vet has not seen (so its own cache
// replays nothing): the output is the same, and the warm run answers every
// standard library package from the cache. Then an entry is corrupted: it
// is not served, and the output is still the same.
func TestGoVetEquivalence(t *testing.T) {
	if testing.Short() {
		t.Skip("builds conclint and runs go vet four times")
	}
	work := t.TempDir()
	bin := filepath.Join(work, "conclint")
	build := exec.Command("go", "build", "-o", bin, "github.com/conclint/conclint/cmd/conclint")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cache := filepath.Join(work, "facts")
	run := func(name, factcache string) (string, map[string]int) {
		t.Helper()
		tool := filepath.Join(work, "tool-"+name)
		id := fmt.Sprintf("factcachetest%d", time.Now().UnixNano())
		script := fmt.Sprintf("#!/bin/sh\nif [ \"$1\" = -V=full ]; then echo 'tool version devel %s buildID=%s'; exit 0; fi\nexec '%s' \"$@\"\n", id, id, bin)
		if err := os.WriteFile(tool, []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		log := filepath.Join(work, "log-"+name)
		cmd := exec.Command("go", "vet", "-vettool="+tool, "-json", "./shop/")
		cmd.Dir = filepath.Join("..", "..", "examples")
		cmd.Env = append(os.Environ(), Env+"="+factcache, LogEnv+"="+log)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: go vet: %v\n%s", name, err, stderr.Bytes())
		}
		counts := make(map[string]int)
		data, _ := os.ReadFile(log)
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if f := strings.Fields(line); len(f) > 0 {
				counts[f[0]]++
			}
		}
		return stdout.String(), counts
	}
	off, offLog := run("off", "off")
	if !strings.Contains(off, "poolperrequest") || len(offLog) != 0 {
		t.Fatalf("cache off: want the shop's findings and no cache use, got log %v and\n%s", offLog, off)
	}
	cold, coldLog := run("cold", cache)
	if cold != off {
		t.Errorf("cold cache: output differs\noff:\n%s\ncold:\n%s", off, cold)
	}
	if coldLog["miss"] == 0 || coldLog["store"] != coldLog["miss"] || coldLog["hit"] != 0 {
		t.Errorf("cold cache: want every miss stored and no hit, got %v", coldLog)
	}
	warm, warmLog := run("warm", cache)
	if warm != off {
		t.Errorf("warm cache: output differs\noff:\n%s\nwarm:\n%s", off, warm)
	}
	if warmLog["hit"] != coldLog["miss"] || warmLog["miss"] != 0 {
		t.Errorf("warm cache: want %d hits and no miss, got %v", coldLog["miss"], warmLog)
	}
	// Corrupt every entry: none is served, the output is the same.
	entries, _ := filepath.Glob(filepath.Join(cache, "*", "*-f"))
	for _, e := range entries {
		data, _ := os.ReadFile(e)
		data[len(data)-1] ^= 1
		os.WriteFile(e, data, 0o666)
	}
	corrupt, corruptLog := run("corrupt", cache)
	if corrupt != off {
		t.Errorf("corrupt cache: output differs\noff:\n%s\ncorrupt:\n%s", off, corrupt)
	}
	if corruptLog["hit"] != 0 || corruptLog["corrupt"] == 0 {
		t.Errorf("corrupt cache: want no hit and corrupt entries noticed, got %v", corruptLog)
	}
}
