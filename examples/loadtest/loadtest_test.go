package main

import (
	"context"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for the load test's child
// processes, as the command's own binary does.
func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(child(spec))
	}
	os.Exit(m.Run())
}

// TestSameResponses: both versions of the shop answer every route alike,
// so the load test compares the same service, fixed.
func TestSameResponses(t *testing.T) {
	requests := []request{
		{http.MethodGet, "/orders/o1", ""},
		{http.MethodGet, "/orders/missing1", ""},
		{http.MethodPost, "/orders", `{"ID":"o2"}`},
		{http.MethodPost, "/orders", `{"ID":`},
		{http.MethodGet, "/products/p1", ""},
		{http.MethodGet, "/products/missing2", ""},
		{http.MethodGet, "/stock/s1", ""},
		{http.MethodGet, "/stock/s2/level", ""},
		{http.MethodGet, "/stock/s2/level", ""}, // from the cache
		{http.MethodPost, "/stock/s3/reserve", ""},
		{http.MethodPost, "/stock/s4/restock", ""},
		{http.MethodGet, "/reprice?id=a&id=b&id=c", ""},
		{http.MethodGet, "/reprice", ""},
	}
	answers := make(map[string][]string)
	for _, v := range versions {
		_, addr, err := serveShop(backendSpec{DBConns: 4}, v)
		if err != nil {
			t.Fatal(err)
		}
		for _, rq := range requests {
			answers[v.name] = append(answers[v.name], send(t, "http://"+addr, rq))
		}
	}
	statuses := make(map[string]bool)
	for i, rq := range requests {
		naive, fixed := answers["naive"][i], answers["fixed"][i]
		if naive != fixed {
			t.Errorf("%s %s: naive answers %q, fixed %q", rq.method, rq.path, naive, fixed)
		}
		status, _, _ := strings.Cut(naive, " ")
		statuses[status] = true
	}
	// The requests reach the success and the error paths.
	for _, want := range []string{"200", "201", "202", "400", "404"} {
		if !statuses[want] {
			t.Errorf("no request answered %s: %v", want, answers["naive"])
		}
	}
}

// send returns "STATUS BODY" for rq.
func send(t *testing.T, base string, rq request) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, rq.method, base+rq.path, strings.NewReader(rq.body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", rq.method, rq.path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.Status[:3] + " " + string(body)
}

// tiny is a load test small enough for go test: a few seconds in all.
var tiny = options{
	Clients: 4, Duration: 150 * time.Millisecond, Settle: 50 * time.Millisecond,
	MaxRequests: 400, IDs: 20, Repeat: 1,
}

// TestTinyLoadTest runs every scenario at a tiny size. It checks the
// report's structure and the differences that do not depend on timing.
func TestTinyLoadTest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 14 processes")
	}
	o := tiny
	o.Out = t.TempDir()
	var stdout, progress strings.Builder
	rep, err := loadtest(t.Context(), o, &stdout, &progress)
	if err != nil {
		t.Fatalf("%v\n%s", err, progress.String())
	}
	for key, runs := range rep.runs {
		r := runs[0]
		if r.OK+r.Failed+r.Canceled+r.Unfinished == 0 || len(r.OKPerSec) == 0 || len(r.OKPerSec) != len(r.Goroutines) {
			t.Errorf("%s: no requests or no timeline: %+v", key, r)
		}
	}
	// A Transport per request dials once per answered request; a shared
	// one dials at most about once per concurrent client.
	naive, fixed := rep.runs["poolperrequest/naive"][0], rep.runs["poolperrequest/fixed"][0]
	if naive.Dials < naive.OK {
		t.Errorf("poolperrequest: the naive shop dialed %d times for %d answers", naive.Dials, naive.OK)
	}
	if fixed.Dials > 2*fixed.Clients {
		t.Errorf("poolperrequest: the fixed shop dialed %d times for %d clients", fixed.Dials, fixed.Clients)
	}
	// A server without ReadHeaderTimeout holds every slow-header connection.
	sc, _ := scenarioNamed("notimeout")
	if held := rep.runs["notimeout/naive"][0].SlowHeld; held != sc.Load.SlowHeaderConns {
		t.Errorf("notimeout: the naive shop holds %d of %d slow-header connections", held, sc.Load.SlowHeaderConns)
	}
	table := stdout.String()
	for _, sc := range scenarios {
		for _, v := range versions {
			if row := "| " + sc.Name + " | " + v.name + " |"; !strings.Contains(table, row) {
				t.Errorf("no row %q in\n%s", row, table)
			}
		}
		if !strings.Contains(table, "| "+sc.Name+" | "+sc.Shows+" |") {
			t.Errorf("no headline row for %s", sc.Name)
		}
	}
	for _, name := range []string{"loadtest.md", "loadtest-summary.png", "loadtest-timeline.png"} {
		if !strings.Contains(progress.String(), filepath.Join(o.Out, name)) {
			t.Errorf("the progress does not say where %s went:\n%s", name, progress.String())
		}
	}
	for _, name := range []string{"loadtest-summary.png", "loadtest-timeline.png"} {
		f, err := os.Open(filepath.Join(o.Out, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() < 500 {
			t.Errorf("%s: %v, %v", name, err, img)
		}
	}
}
