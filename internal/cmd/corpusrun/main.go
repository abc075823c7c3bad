// Command corpusrun runs conclint over the real-code corpus that
// ../shared/corpus/fetch.sh fetches, times it against go vet in the same
// run, and keeps the findings in a JSON file that a later run can be
// diffed against.
//
//	CORPUS=/tmp/corpus go run ./internal/cmd/corpusrun [-entries gin,nats] [-modes conclint,vettool,standalone] [-out findings.json]
//	go run ./internal/cmd/corpusrun -novet -modes gclstd,gclconc -gcl golangci-lint-with-conclint -repeat 3
//	go run ./internal/cmd/corpusrun -diff old.json new.json
//	go run ./internal/cmd/corpusrun -table small.json big.json
//	go run ./internal/cmd/corpusrun -rules findings.json
//
// Every timed go vet and conclint -vettool run gets a tool ID never seen
// before, so the go command cannot replay cached analysis results; the
// compiled dependencies are warmed by an untimed go list -export first.
// Peak memory is the largest single process of the run (wait4 rusage).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("corpusrun: ")
	var (
		corpus  = flag.String("corpus", envOr("CORPUS", "/tmp/corpus"), "corpus `dir`, as fetched by ../shared/corpus/fetch.sh")
		entries = flag.String("entries", "", "comma-separated corpus `entries` (default: every fetched entry)")
		modes   = flag.String("modes", "conclint", "comma-separated `modes`: conclint (conclint ./..., which runs through go vet), vettool (go vet -vettool=conclint ./...), standalone (CONCLINT_DRIVER=standalone conclint ./...: every package from source in one process), notest (conclint -test=false ./...), fixdiff (conclint -fix -diff ./...: its diff, one finding per file), gclstd and gclconc (golangci-lint's standard linters, without and with conclint's; need -gcl)")
		gcl     = flag.String("gcl", "", "golangci-lint `binary` with conclint linked in (go run ./internal/cmd/buildgcl), for the gclstd and gclconc modes")
		repeat  = flag.Int("repeat", 1, "time each tool `n` times, interleaved, and keep the best figures")
		noVet   = flag.Bool("novet", false, "do not time go vet")
		out     = flag.String("out", "corpus-findings.json", "write findings and timings to `file`")
		bin     = flag.String("bin", "", "conclint `binary` to run (default: build ./cmd/conclint of this module)")
		extra   = flag.String("flags", "", "extra space-separated `flags` for conclint, e.g. -droppedctx.logging")
		diff    = flag.Bool("diff", false, "compare two findings files given as arguments: corpusrun -diff old.json new.json")
		table   = flag.Bool("table", false, "print the table of findings files given as arguments, e.g. of runs split across entries")
		rules   = flag.Bool("rules", false, "print finding counts per rule ID of the findings files given as arguments")
	)
	flag.Parse()
	if *rules {
		if err := printRuleCounts(os.Stdout, flag.Args()); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *table {
		merged := &Report{Entries: map[string]*Entry{}}
		for _, path := range flag.Args() {
			r, err := readReport(path)
			if err != nil {
				log.Fatal(err)
			}
			merged.Conclint, merged.Flags = r.Conclint, r.Flags
			for _, name := range r.Order {
				if merged.Entries[name] == nil {
					merged.Order = append(merged.Order, name)
				}
				merged.Entries[name] = r.Entries[name]
			}
		}
		merged.printTable(os.Stdout)
		return
	}
	if *diff {
		if flag.NArg() != 2 {
			log.Fatal("usage: corpusrun -diff old.json new.json")
		}
		changed, err := diffFiles(os.Stdout, flag.Arg(0), flag.Arg(1))
		if err != nil {
			log.Fatal(err)
		}
		if changed {
			os.Exit(1)
		}
		return
	}

	names := split(*entries)
	if len(names) == 0 {
		names = fetchedEntries(*corpus)
	}
	if len(names) == 0 {
		log.Fatalf("no corpus entries in %s: run CORPUS=%s ../shared/corpus/fetch.sh", *corpus, *corpus)
	}
	work, err := os.MkdirTemp("", "corpusrun-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)
	conclint := *bin
	if conclint == "" {
		conclint = filepath.Join(work, "conclint")
		build := exec.Command("go", "build", "-o", conclint, "./cmd/conclint")
		build.Dir, build.Stdout, build.Stderr = moduleRoot(), os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			log.Fatalf("building conclint: %v", err)
		}
	} else if conclint, err = filepath.Abs(conclint); err != nil {
		log.Fatal(err)
	}

	r := &runner{work: work, conclint: conclint, flags: strings.Fields(*extra), vet: !*noVet, modes: split(*modes), repeat: *repeat,
		linters: conclintLinters()}
	if *gcl != "" {
		if r.gcl, err = filepath.Abs(*gcl); err != nil {
			log.Fatal(err)
		}
	}
	report := &Report{Version: 1, Conclint: describe(), Flags: *extra, Entries: map[string]*Entry{}}
	if *bin != "" {
		report.Conclint = "binary " + conclint
	}
	for _, name := range names {
		e, err := r.runEntry(name, filepath.Join(*corpus, name))
		if err != nil {
			log.Printf("%s: %v", name, err)
			continue
		}
		report.Entries[name] = e
		report.Order = append(report.Order, name)
		fmt.Fprintln(os.Stderr, e.summaryLine())
		if err := report.write(*out); err != nil { // after each entry, so a long run keeps what it measured
			log.Fatal(err)
		}
	}
	report.printTable(os.Stdout)
	if report.panics() > 0 {
		os.Exit(1)
	}
}

// fetchedEntries lists the entries fetch.sh marked OK, in its order.
func fetchedEntries(corpus string) []string {
	f, err := os.Open(filepath.Join(corpus, ".status"))
	if err != nil {
		return nil
	}
	defer f.Close()
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) >= 2 && fields[0] == "OK" {
			names = append(names, fields[1])
		}
	}
	return names
}

func moduleRoot() string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		log.Fatalf("run corpusrun from inside the conclint module: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// describe names the conclint source measured: its commit, and whether the
// work tree had changes.
func describe() string {
	out, err := exec.Command("git", "-C", moduleRoot(), "describe", "--always", "--dirty").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

func split(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
