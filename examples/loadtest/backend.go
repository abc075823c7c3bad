package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// backendSpec is how the shop's backends behave in one scenario.
type backendSpec struct {
	Latency time.Duration // of every pricing, warehouse and database call
	Jitter  time.Duration // each call takes Latency ± up to Jitter, uniformly
	DBConns int           // the database pool's open-connection limit
	TLS     bool          // the warehouse serves HTTPS
	// Stall is the share of warehouse stock reads that never answer: the
	// call waits until its caller gives up, or maxStall.
	Stall float64
}

// maxStall bounds how long a stalled backend call waits for its caller.
const maxStall = time.Minute

// auditLatency is how long one audit write takes.
const auditLatency = 2 * time.Millisecond

// backends are the simulated pricing service, warehouse service, database
// and audit log the shop talks to, all in this process on 127.0.0.1. They
// count every call, and each load request's key travels into the calls
// made for it (in a URL or a query argument), so calls that run on after
// their client left can be told apart.
type backends struct {
	spec      backendSpec
	pricing   *httptest.Server
	warehouse *httptest.Server
	db        *sql.DB
	calls     callLog

	auditsDone, auditsLost atomic.Int64
}

// callLog records backend calls.
type callLog struct {
	dials atomic.Int64 // connections the HTTP backends accepted

	mu       sync.Mutex
	inFlight map[string]int // request key → its calls under way
	ended    []callEnd
}

// callEnd is a backend call that answered (completed) or saw its caller
// give up first.
type callEnd struct {
	key       string
	at        time.Time
	completed bool
}

func (l *callLog) begin(key string) {
	l.mu.Lock()
	l.inFlight[requestKey(key)]++
	l.mu.Unlock()
}

func (l *callLog) end(key string, completed bool) {
	key = requestKey(key)
	l.mu.Lock()
	if l.inFlight[key]--; l.inFlight[key] == 0 {
		delete(l.inFlight, key)
	}
	l.ended = append(l.ended, callEnd{key, time.Now(), completed})
	l.mu.Unlock()
}

// forNobody counts the calls that ran on after the client of their request
// had left: those that completed later and those still under way.
func (l *callLog) forNobody(left map[string]time.Time) (completed, running int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range l.ended {
		if t, ok := left[c.key]; ok && c.completed && c.at.After(t) {
			completed++
		}
	}
	for key, n := range l.inFlight {
		if _, ok := left[key]; ok {
			running += n
		}
	}
	return completed, running
}

// running counts the calls under way.
func (l *callLog) running() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, c := range l.inFlight {
		n += c
	}
	return n
}

// requestKey returns the load request's key within an item key: reprice's
// ids are KEY.0, KEY.1, ...
func requestKey(item string) string {
	key, _, _ := strings.Cut(item, ".")
	return key
}

// startBackends starts the backends. The caller stops them by exiting.
func startBackends(spec backendSpec) *backends {
	b := &backends{spec: spec, calls: callLog{inFlight: make(map[string]int)}}
	b.pricing = b.newServer(false)
	b.warehouse = b.newServer(spec.TLS)
	if spec.TLS {
		// The shop trusts the system roots through http.DefaultTransport;
		// here the warehouse's test certificate stands in for them.
		roots := x509.NewCertPool()
		roots.AddCert(b.warehouse.Certificate())
		tr := http.DefaultTransport.(*http.Transport)
		tr.TLSClientConfig = &tls.Config{RootCAs: roots}
	}
	b.db = sql.OpenDB(database{b})
	b.db.SetMaxOpenConns(spec.DBConns)
	b.db.SetMaxIdleConns(spec.DBConns)
	return b
}

func (b *backends) newServer(useTLS bool) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /quote", func(w http.ResponseWriter, r *http.Request) {
		sku := r.URL.Query().Get("sku")
		if b.serve(r.Context(), sku, false) {
			_ = json.NewEncoder(w).Encode(struct{ Price int64 }{price(sku)})
		}
	})
	mux.HandleFunc("GET /stock/{sku}", func(w http.ResponseWriter, r *http.Request) {
		sku := r.PathValue("sku")
		if b.serve(r.Context(), sku, stalls(sku, b.spec.Stall)) {
			_ = json.NewEncoder(w).Encode(level(sku))
		}
	})
	mux.HandleFunc("POST /reserve/{sku}", func(w http.ResponseWriter, r *http.Request) {
		if b.serve(r.Context(), r.PathValue("sku"), false) {
			w.WriteHeader(http.StatusOK)
		}
	})
	mux.HandleFunc("POST /restock/{sku}", func(w http.ResponseWriter, r *http.Request) {
		if b.serve(r.Context(), r.PathValue("sku"), false) {
			w.WriteHeader(http.StatusNoContent)
		}
	})
	srv := httptest.NewUnstartedServer(mux)
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			b.calls.dials.Add(1)
		}
	}
	if useTLS {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	return srv
}

// serve waits as long as one call for key takes, or until the caller
// gives up, and records the call. It reports whether the call completed.
func (b *backends) serve(ctx context.Context, key string, stall bool) bool {
	b.calls.begin(key)
	d := b.latency()
	if stall {
		d = maxStall
	}
	completed := wait(ctx, d)
	b.calls.end(key, completed)
	return completed
}

// latency returns one call's latency: Latency ± up to Jitter.
func (b *backends) latency() time.Duration {
	if b.spec.Jitter <= 0 {
		return b.spec.Latency
	}
	return b.spec.Latency - b.spec.Jitter + rand.N(2*b.spec.Jitter+1)
}

// wait waits d or until ctx is done, and reports whether d passed.
func wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// audit is the shop's audit log: a write takes auditLatency, and one whose
// context is canceled first is lost.
func (b *backends) audit(ctx context.Context, event string) {
	if wait(ctx, auditLatency) {
		b.auditsDone.Add(1)
	} else {
		b.auditsLost.Add(1)
	}
}

// price, level and stalls derive a backend's answer for a key from the
// key alone, so both versions of the shop see the same data.
func price(sku string) int64 { return 100 + int64(hash(sku)%10000) }
func level(sku string) int   { return int(hash(sku) % 100) }
func stalls(sku string, share float64) bool {
	return share > 0 && float64(hash(sku)%10000) < share*10000
}

func hash(s string) uint32 {
	h := fnv.New32a()
	_, _ = io.WriteString(h, s)
	return h.Sum32()
}

// database is a database/sql stand-in whose queries take the backends'
// latency and honour their context, as a real driver does. It answers a
// SELECT with one row made from the first argument (none when that starts
// with "missing"), and an INSERT or UPDATE with success.
type database struct{ b *backends }

func (d database) Connect(context.Context) (driver.Conn, error) { return conn(d), nil }
func (d database) Driver() driver.Driver                        { return d }
func (d database) Open(string) (driver.Conn, error)             { return conn(d), nil }

type conn database

var errUnsupported = errors.New("database stand-in: unsupported")

func (c conn) Prepare(string) (driver.Stmt, error) { return nil, errUnsupported }
func (c conn) Close() error                        { return nil }
func (c conn) Begin() (driver.Tx, error)           { return nil, errUnsupported }

func (c conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if !c.b.serve(ctx, firstArg(args), false) {
		return nil, ctx.Err()
	}
	return driver.RowsAffected(1), nil
}

func (c conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	key := firstArg(args)
	if !c.b.serve(ctx, key, false) {
		return nil, ctx.Err()
	}
	cols, err := columns(query)
	if err != nil {
		return nil, err
	}
	r := &rows{cols: cols}
	if !strings.HasPrefix(key, "missing") {
		for _, col := range cols {
			switch col {
			case "id", "sku":
				r.row = append(r.row, key)
			case "total":
				r.row = append(r.row, price(key))
			case "name":
				r.row = append(r.row, "product "+key)
			default:
				return nil, fmt.Errorf("database stand-in: unknown column %q", col)
			}
		}
	}
	return r, nil
}

func firstArg(args []driver.NamedValue) string {
	if len(args) == 0 {
		return ""
	}
	s, _ := args[0].Value.(string)
	return s
}

// columns returns the column names of "SELECT a, b FROM ...".
func columns(query string) ([]string, error) {
	list, ok := strings.CutPrefix(query, "SELECT ")
	list, _, found := strings.Cut(list, " FROM ")
	if !ok || !found {
		return nil, fmt.Errorf("database stand-in: cannot read %q", query)
	}
	cols := strings.Split(list, ",")
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i])
	}
	return cols, nil
}

// rows holds at most one row.
type rows struct {
	cols []string
	row  []driver.Value
	done bool
}

func (r *rows) Columns() []string { return r.cols }
func (r *rows) Close() error      { return nil }
func (r *rows) Next(dest []driver.Value) error {
	if r.done || r.row == nil {
		return io.EOF
	}
	r.done = true
	copy(dest, r.row)
	return nil
}
