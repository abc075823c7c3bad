package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"runtime/metrics"
	"strings"
	"time"

	"github.com/conclint/conclint/examples/shop"
	"github.com/conclint/conclint/examples/shop/fixed"
)

// version is one build of the shop.
type version struct {
	name  string
	serve func(b *backends, l net.Listener) // starts serving the shop on l
}

var versions = []version{
	{"naive", func(b *backends, l net.Listener) {
		s := shop.New(shop.Config{DB: b.db, PricingURL: b.pricing.URL, WarehouseURL: b.warehouse.URL, Audit: b.audit})
		go func() { _ = s.Serve(l) }()
	}},
	{"fixed", func(b *backends, l net.Listener) {
		s := fixed.New(fixed.Config{DB: b.db, PricingURL: b.pricing.URL, WarehouseURL: b.warehouse.URL, Audit: b.audit})
		go func() { _ = s.Serve(l) }()
	}},
}

func versionNamed(name string) (version, bool) {
	for _, v := range versions {
		if v.name == name {
			return v, true
		}
	}
	return version{}, false
}

// result is what one run of one version measured.
type result struct {
	Scenario, Version string
	Seconds           float64 // how long the clients ran
	Clients           int

	OK, Failed, Canceled, Unfinished int
	RPS                              float64 // ok answers per second
	P50, P99, Max                    float64 // of the ok answers, ms

	GoroutinesPeak, GoroutinesLeft int     // in the process; left: after every client left, less the idle count
	HeapPeakMB, HeapLeftMB         float64 // heap objects; left: live after a GC, less the idle heap
	ForNobody                      int     // backend calls that ran on after their client left
	Dials                          int     // connections the HTTP backends accepted
	AuditsLost                     int     // audit writes canceled before they were written
	SlowHeld                       int     // slow-header connections the shop still held at the end

	Step       float64   // seconds between timeline points
	OKPerSec   []float64 // ok answers per second, per step
	Goroutines []float64 // goroutines at the end of each step
}

// serveShop starts the backends and one version of the shop on
// 127.0.0.1, and returns the shop's address.
func serveShop(spec backendSpec, v version) (*backends, string, error) {
	b := startBackends(spec)
	for _, u := range []string{b.pricing.URL, b.warehouse.URL} {
		if !strings.Contains(u, "://127.0.0.1:") {
			return nil, "", fmt.Errorf("backend at %s: loopback only", u)
		}
	}
	// Every client of the shop talks to loopback; no proxy from the
	// environment may intervene.
	http.DefaultTransport.(*http.Transport).Proxy = nil
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	v.serve(b, l)
	return b, l.Addr().String(), nil
}

// runOne drives one version of the shop through one scenario, in this
// process, and measures it. progress receives a line per second.
func runOne(ctx context.Context, sc scenario, v version, o options, progress io.Writer) (result, error) {
	b, addr, err := serveShop(sc.Backends, v)
	if err != nil {
		return result{}, err
	}
	spec := sc.Load
	if spec.Clients == 0 {
		spec.Clients = o.Clients
	}
	if spec.MaxRequests == 0 || spec.MaxRequests > o.MaxRequests {
		spec.MaxRequests = o.MaxRequests
	}
	runtime.GC()
	idleGoroutines, idleHeap := runtime.NumGoroutine(), liveHeap()
	release := func() int { return 0 }
	if spec.SlowHeaderConns > 0 {
		if release, err = holdSlowHeaders(ctx, addr, spec.SlowHeaderConns); err != nil {
			return result{}, err
		}
	}

	step := o.Duration / 40
	s := startSampler(step, progress)
	runCtx, cancel := context.WithTimeout(ctx, o.Duration)
	start := time.Now()
	log := drive(runCtx, "http://"+addr, spec, func(key string, seq int) request { return sc.Request(key, seq, o) })
	elapsed := time.Since(start)
	cancel()
	wait(ctx, o.Settle) // cancellations reach the backends, or do not
	goroutines, heap := s.stop()

	r := result{
		Scenario: sc.Name, Version: v.name, Seconds: elapsed.Seconds(), Clients: spec.Clients,
		OK: log.outcome.ok, Failed: log.outcome.failed, Canceled: log.outcome.canceled, Unfinished: log.outcome.unfinished,
		RPS:            float64(log.outcome.ok) / elapsed.Seconds(),
		GoroutinesPeak: int(slicesMax(goroutines)),
		GoroutinesLeft: runtime.NumGoroutine() - idleGoroutines,
		HeapPeakMB:     slicesMax(heap) / 1e6,
		Dials:          int(b.calls.dials.Load()),
		AuditsLost:     int(b.auditsLost.Load()),
		Step:           step.Seconds(),
		Goroutines:     goroutines,
	}
	done, running := b.calls.forNobody(log.left)
	r.ForNobody = done + running
	r.SlowHeld = release()
	runtime.GC()
	r.HeapLeftMB = (liveHeap() - idleHeap) / 1e6

	lat := sortedCopy(log.outcome.latencies)
	r.P50, r.P99 = ms(percentile(lat, 0.50)), ms(percentile(lat, 0.99))
	if len(lat) > 0 {
		r.Max = ms(lat[len(lat)-1])
	}
	r.OKPerSec = make([]float64, len(goroutines))
	for _, at := range log.okAt {
		if i := int(at / step); i < len(r.OKPerSec) {
			r.OKPerSec[i] += 1 / step.Seconds()
		}
	}
	return r, nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func slicesMax(s []float64) float64 {
	m := 0.0
	for _, v := range s {
		m = max(m, v)
	}
	return m
}

// Runtime metrics the sampler reads: cheaper than ReadMemStats, which
// stops the world.
const (
	goroutineMetric = "/sched/goroutines:goroutines"
	heapMetric      = "/memory/classes/heap/objects:bytes"
)

func liveHeap() float64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	return float64(s[0].Value.Uint64())
}

// sampler records the process's goroutines and heap every few
// milliseconds: their peaks, and their value at the end of each step.
type sampler struct {
	stopc chan struct{}
	done  chan struct{}

	goroutines, heap []float64 // per step: goroutines at its end, heap peak
}

func startSampler(step time.Duration, progress io.Writer) *sampler {
	s := &sampler{stopc: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		samples := []metrics.Sample{{Name: goroutineMetric}, {Name: heapMetric}}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		start, stepEnd := time.Now(), time.Now().Add(step)
		var peakHeap float64
		for {
			select {
			case <-s.stopc:
				return
			case now := <-tick.C:
				metrics.Read(samples)
				g, h := float64(samples[0].Value.Uint64()), float64(samples[1].Value.Uint64())
				peakHeap = max(peakHeap, h)
				if now.Before(stepEnd) {
					continue
				}
				s.goroutines = append(s.goroutines, g)
				s.heap = append(s.heap, peakHeap)
				peakHeap = 0
				stepEnd = stepEnd.Add(step)
				if n := len(s.goroutines); n%10 == 0 {
					fmt.Fprintf(progress, "  %5.1fs  %6.0f goroutines  %6.1f MB heap\n", now.Sub(start).Seconds(), g, h/1e6)
				}
			}
		}
	}()
	return s
}

// stop ends sampling and returns, per step, the goroutines and the peak
// heap. Only steps the run completed are kept.
func (s *sampler) stop() (goroutines, heap []float64) {
	close(s.stopc)
	<-s.done
	return s.goroutines, s.heap
}
