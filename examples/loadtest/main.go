// Command loadtest measures what conclint's findings cost under load. It
// runs examples/shop, where conclint reports one instance of each family,
// and examples/shop/fixed, the same service after the fixes, against
// simulated slow backends on 127.0.0.1, with the same clients, and prints
// a table and writes charts:
//
//	go run ./examples/loadtest                    # about a minute on 2 cores
//	go run ./examples/loadtest -repeat 3          # median and spread of 3 runs
//	go run ./examples/loadtest -only lockio,seqio -duration 2s
//
// Each scenario drives one route of the shop (see scenarios). Each run of
// one version is a fresh process, started from this binary, so what one
// version leaks cannot slow the next; runs go one at a time. Every loop is
// bounded in time and count, and the only addresses are on 127.0.0.1.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// options size a load test.
type options struct {
	Clients     int           // concurrent clients, where a scenario does not say
	Duration    time.Duration // of each run
	Settle      time.Duration // after the clients left, before the end measurements
	MaxRequests int           // per run
	IDs         int           // ids in one reprice request
	Repeat      int           // runs of each version of each scenario
	Only        []string      // scenarios to run; all when empty
	Out         string        // directory for the charts and the table
}

var defaults = options{
	Clients: 32, Duration: 4 * time.Second, Settle: 200 * time.Millisecond,
	MaxRequests: 50000, IDs: 500, Repeat: 1, Out: "docs",
}

// childEnv carries a run, as JSON, to a child process.
const childEnv = "CONCLINT_LOADTEST_RUN"

// childRun is one run of one version of one scenario.
type childRun struct {
	Scenario, Version string
	Options           options
}

func main() {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(child(spec))
	}
	o := defaults
	var only string
	flag.IntVar(&o.Clients, "clients", o.Clients, "concurrent clients, where a scenario does not say")
	flag.DurationVar(&o.Duration, "duration", o.Duration, "how long each version of each scenario runs")
	flag.IntVar(&o.MaxRequests, "max-requests", o.MaxRequests, "requests per run at most")
	flag.IntVar(&o.IDs, "ids", o.IDs, "ids in one reprice request (unboundedgo)")
	flag.IntVar(&o.Repeat, "repeat", o.Repeat, "runs of each version of each scenario; the table shows the median and the range")
	flag.StringVar(&only, "only", "", "comma-separated scenarios to run (default all)")
	flag.StringVar(&o.Out, "out", o.Out, "directory for the charts and the table")
	flag.Parse()
	if only != "" {
		o.Only = strings.Split(only, ",")
	}
	if _, err := loadtest(context.Background(), o, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// loadtest runs every selected scenario, prints the table to stdout and
// writes the table and charts to o.Out.
func loadtest(ctx context.Context, o options, stdout, progress io.Writer) (*report, error) {
	selected, err := selectScenarios(o.Only)
	if err != nil {
		return nil, err
	}
	if o.Clients < 1 || o.Duration <= 0 || o.Repeat < 1 || o.MaxRequests < 1 || o.IDs < 1 {
		return nil, errors.New("-clients, -duration, -repeat, -max-requests and -ids must be positive")
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	runs := make(map[string][]result) // scenario/version → its runs
	total, n := o.Repeat*len(selected)*len(versions), 0
	began := time.Now()
	for rep := range o.Repeat {
		for _, sc := range selected {
			order := slices.Clone(versions)
			if rep%2 == 1 { // alternate which version goes first
				slices.Reverse(order)
			}
			for _, v := range order {
				n++
				fmt.Fprintf(progress, "[%2d/%d %3.0fs] %s, %s shop: %s\n", n, total, time.Since(began).Seconds(), sc.Name, v.name, sc.Route)
				r, err := runChild(ctx, exe, childRun{sc.Name, v.name, o}, progress)
				if err != nil {
					return nil, fmt.Errorf("%s, %s: %w", sc.Name, v.name, err)
				}
				fmt.Fprintf(progress, "         %.0f ok/s, p50 %.1f ms, p99 %.1f ms, %d goroutines left, %d backend calls for nobody, %d dials\n",
					r.RPS, r.P50, r.P99, r.GoroutinesLeft, r.ForNobody, r.Dials)
				key := sc.Name + "/" + v.name
				runs[key] = append(runs[key], r)
			}
		}
	}
	rep := newReport(selected, runs, o)
	fmt.Fprint(stdout, rep.markdown())
	files, err := rep.write(o.Out)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(progress, "done in %.0fs; wrote:\n", time.Since(began).Seconds())
	for _, f := range files {
		abs, _ := filepath.Abs(f)
		fmt.Fprintf(progress, "  %s\n", abs)
	}
	return rep, nil
}

func selectScenarios(only []string) ([]scenario, error) {
	if len(only) == 0 {
		return scenarios, nil
	}
	var selected []scenario
	for _, name := range only {
		sc, ok := scenarioNamed(strings.TrimSpace(name))
		if !ok {
			return nil, fmt.Errorf("no scenario %q", name)
		}
		selected = append(selected, sc)
	}
	return selected, nil
}

// runChild runs one version of one scenario in a fresh process and
// returns its result. The child's progress goes to progress.
func runChild(ctx context.Context, exe string, run childRun, progress io.Writer) (result, error) {
	spec, err := json.Marshal(run)
	if err != nil {
		return result{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, run.Options.Duration+time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), childEnv+"="+string(spec))
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, progress
	if err := cmd.Run(); err != nil {
		return result{}, err
	}
	var r result
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		return result{}, fmt.Errorf("reading the child's result %q: %w", stdout.String(), err)
	}
	return r, nil
}

// child runs the run that spec describes and prints its result as JSON.
func child(spec string) int {
	var run childRun
	if err := json.Unmarshal([]byte(spec), &run); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest child:", err)
		return 2
	}
	sc, ok := scenarioNamed(run.Scenario)
	v, vok := versionNamed(run.Version)
	if !ok || !vok {
		fmt.Fprintf(os.Stderr, "loadtest child: no scenario %q or version %q\n", run.Scenario, run.Version)
		return 2
	}
	r, err := runOne(context.Background(), sc, v, run.Options, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest child:", err)
		return 1
	}
	if err := json.NewEncoder(os.Stdout).Encode(r); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest child:", err)
		return 1
	}
	return 0
}
