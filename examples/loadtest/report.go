package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

// metric is one figure of a result.
type metric struct {
	Name   string
	Format string // of one value
	Of     func(result) float64
}

var (
	rps            = metric{"ok requests/s", "%.0f", func(r result) float64 { return r.RPS }}
	p50            = metric{"p50 latency, ms", "%.1f", func(r result) float64 { return r.P50 }}
	p99            = metric{"p99 latency, ms", "%.1f", func(r result) float64 { return r.P99 }}
	maxLatency     = metric{"max latency, ms", "%.0f", func(r result) float64 { return r.Max }}
	canceled       = metric{"abandoned", "%.0f", func(r result) float64 { return float64(r.Canceled + r.Unfinished) }}
	failed         = metric{"error answers", "%.0f", func(r result) float64 { return float64(r.Failed) }}
	goroutinesPeak = metric{"peak goroutines", "%.0f", func(r result) float64 { return float64(r.GoroutinesPeak) }}
	goroutinesLeft = metric{"goroutines left after the clients", "%.0f", func(r result) float64 { return float64(r.GoroutinesLeft) }}
	heapPeak       = metric{"peak heap, MB", "%.1f", func(r result) float64 { return r.HeapPeakMB }}
	heapLeft       = metric{"heap left, MB", "%.1f", func(r result) float64 { return r.HeapLeftMB }}
	orphaned       = metric{"backend calls for clients that left", "%.0f", func(r result) float64 { return float64(r.ForNobody) }}
	dials          = metric{"connections dialed to backends", "%.0f", func(r result) float64 { return float64(r.Dials) }}
	auditsLost     = metric{"audit writes lost", "%.0f", func(r result) float64 { return float64(r.AuditsLost) }}
	slowHeld       = metric{"slow-header conns held", "%.0f", func(r result) float64 { return float64(r.SlowHeld) }}
)

// tableColumns are the full table's columns after scenario and version.
var tableColumns = []metric{rps, p50, p99, maxLatency, canceled, failed, goroutinesPeak, goroutinesLeft, heapPeak, heapLeft, orphaned, dials, auditsLost, slowHeld}

// series is a figure over the time of a run.
type series struct {
	Name   string
	Of     func(result) []float64
	Smooth bool // chart the mean of each point and its neighbours
}

var (
	okSeries        = series{"ok requests/s (mean of 3 steps)", func(r result) []float64 { return r.OKPerSec }, true}
	goroutineSeries = series{"goroutines", func(r result) []float64 { return r.Goroutines }, false}
)

// report holds the results of a load test.
type report struct {
	scenarios []scenario
	runs      map[string][]result // scenario/version → its runs
	o         options
}

func newReport(scenarios []scenario, runs map[string][]result, o options) *report {
	return &report{scenarios, runs, o}
}

func (rp *report) results(sc scenario, v string) []result { return rp.runs[sc.Name+"/"+v] }

// spread returns the median, least and greatest value of m over runs.
func spread(runs []result, m metric) (median, lo, hi float64) {
	vals := make([]float64, len(runs))
	for i, r := range runs {
		vals[i] = m.Of(r)
	}
	slices.Sort(vals)
	if len(vals) == 0 {
		return 0, 0, 0
	}
	n := len(vals)
	median = vals[n/2]
	if n%2 == 0 {
		median = (vals[n/2-1] + vals[n/2]) / 2
	}
	return median, vals[0], vals[n-1]
}

// cell formats m over runs: the value, or the median and the range.
func cell(runs []result, m metric) string {
	med, lo, hi := spread(runs, m)
	s := fmt.Sprintf(m.Format, med)
	if len(runs) > 1 {
		s += fmt.Sprintf(" ["+m.Format+"–"+m.Format+"]", lo, hi)
	}
	return s
}

// markdown returns the headline table and the full table.
func (rp *report) markdown() string {
	var b strings.Builder
	runsNote := "one run of each"
	if rp.o.Repeat > 1 {
		runsNote = fmt.Sprintf("median [range] of %d runs of each", rp.o.Repeat)
	}
	fmt.Fprintf(&b, "conclint load test: %d clients (unless a scenario says), %s per run, %s; GOMAXPROCS %d, %s\n\n",
		rp.o.Clients, rp.o.Duration, runsNote, runtime.GOMAXPROCS(0), runtime.Version())
	b.WriteString("| scenario | what the finding costs | measure | naive | fixed |\n|---|---|---|---|---|\n")
	for _, sc := range rp.scenarios {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", sc.Name, sc.Shows, sc.Headline.Name,
			cell(rp.results(sc, "naive"), sc.Headline), cell(rp.results(sc, "fixed"), sc.Headline))
	}
	b.WriteString("\n| scenario | version |")
	for _, m := range tableColumns {
		b.WriteString(" " + m.Name + " |")
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---|", len(tableColumns)) + "\n")
	for _, sc := range rp.scenarios {
		for _, v := range versions {
			fmt.Fprintf(&b, "| %s | %s |", sc.Name, v.name)
			for _, m := range tableColumns {
				b.WriteString(" " + cell(rp.results(sc, v.name), m) + " |")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// write writes the table and the charts into dir and returns their paths.
func (rp *report) write(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	table := filepath.Join(dir, "loadtest.md")
	if err := os.WriteFile(table, []byte(rp.markdown()), 0o644); err != nil {
		return nil, err
	}
	files := []string{table}
	for name, draw := range map[string]func(string) error{
		"loadtest-summary.png":  rp.summaryChart,
		"loadtest-timeline.png": rp.timelineChart,
	} {
		path := filepath.Join(dir, name)
		if err := draw(path); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		files = append(files, path)
	}
	slices.Sort(files)
	return files, nil
}
