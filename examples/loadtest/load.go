package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// loadSpec is how the clients of one scenario behave.
type loadSpec struct {
	Clients int // concurrent clients; 0: the run's -clients
	// MaxRequests bounds the requests of a run, on top of its duration;
	// 0: the run's -max-requests.
	MaxRequests int
	// Patience is how long a client waits for an answer before it gives
	// up; 0: until the run ends.
	Patience time.Duration
	// CancelShare of the requests are abandoned early, each at a random
	// moment within CancelWithin, as a user who navigates away.
	CancelShare  float64
	CancelWithin time.Duration
	// SlowHeaderConns connections send half a request header and then wait
	// until the end of the run.
	SlowHeaderConns int
}

// request is one load request: the shop's route and, for a POST, its body.
type request struct {
	method, path, body string
}

// outcome counts what happened to a run's requests.
type outcome struct {
	ok, failed, canceled, unfinished int
	latencies                        []time.Duration // of the ok requests
}

// clientLog is what the clients saw: their outcomes, when each abandoned
// request's client left, and ok answers over time.
type clientLog struct {
	mu      sync.Mutex
	outcome outcome
	left    map[string]time.Time // request key → when its client gave up
	okAt    []time.Duration      // since the start, for the timeline
}

// drive runs the clients against the shop at base until ctx is done or
// the request budget is spent, and returns what they saw. Every client has
// left (its requests answered or abandoned) when drive returns.
func drive(ctx context.Context, base string, spec loadSpec, next func(key string, seq int) request) *clientLog {
	log := &clientLog{left: make(map[string]time.Time)}
	tr := &http.Transport{MaxIdleConnsPerHost: spec.Clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var budget atomic.Int64
	budget.Store(int64(spec.MaxRequests))
	start := time.Now()
	var wg sync.WaitGroup
	for id := range spec.Clients {
		wg.Go(func() {
			for seq := 0; ctx.Err() == nil && budget.Add(-1) >= 0; seq++ {
				key := fmt.Sprintf("k%d-%d", id, seq)
				log.send(ctx, client, base, key, next(key, seq), spec, start)
			}
		})
	}
	wg.Wait()
	return log
}

// send sends one request and records its outcome.
func (log *clientLog) send(runCtx context.Context, client *http.Client, base, key string, rq request, spec loadSpec, start time.Time) {
	ctx, cancel := context.WithCancel(runCtx)
	defer cancel()
	if spec.Patience > 0 {
		ctx, cancel = context.WithTimeout(ctx, spec.Patience)
		defer cancel()
	}
	if spec.CancelShare > 0 && rand.Float64() < spec.CancelShare {
		t := time.AfterFunc(rand.N(spec.CancelWithin+1), cancel)
		defer t.Stop()
	}
	var body io.Reader
	if rq.body != "" {
		body = strings.NewReader(rq.body)
	}
	req, err := http.NewRequestWithContext(ctx, rq.method, base+rq.path, body)
	if err != nil {
		panic(err) // the scenarios build valid requests
	}
	sent := time.Now()
	resp, err := client.Do(req)
	if err == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	done := time.Now()

	log.mu.Lock()
	defer log.mu.Unlock()
	switch {
	case err == nil && resp.StatusCode < 300:
		log.outcome.ok++
		log.outcome.latencies = append(log.outcome.latencies, done.Sub(sent))
		log.okAt = append(log.okAt, done.Sub(start))
	case err == nil || ctx.Err() == nil:
		log.outcome.failed++ // an error answer, or a transport error
	case runCtx.Err() != nil:
		log.outcome.unfinished++
		log.left[key] = done
	default:
		log.outcome.canceled++
		log.left[key] = done
	}
}

// holdSlowHeaders opens n connections to addr that each send half a
// request header and then wait, and returns a function that reports how
// many the server still holds open and closes them all.
func holdSlowHeaders(ctx context.Context, addr string, n int) (release func() (held int), err error) {
	var conns []net.Conn
	var d net.Dialer
	for range n {
		c, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			for _, c := range conns {
				c.Close()
			}
			return nil, err
		}
		conns = append(conns, c)
		if _, err := io.WriteString(c, "GET /stock/slow HTTP/1.1\r\nHost: shop\r\n"); err != nil {
			return nil, err
		}
	}
	return func() int {
		// A connection the server closed reads EOF at once; one it still
		// holds times out. Each waits on its own, so all wait together.
		var held atomic.Int64
		var wg sync.WaitGroup
		for _, c := range conns {
			wg.Go(func() {
				defer c.Close()
				_ = c.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
				if _, err := c.Read(make([]byte, 1)); isTimeout(err) {
					held.Add(1)
				}
			})
		}
		wg.Wait()
		return int(held.Load())
	}, nil
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

// percentile returns the p-th percentile (0 < p ≤ 1) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func sortedCopy(d []time.Duration) []time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s
}
