package a

import (
	"context"
	"crypto/tls"
	"database/sql"
	"net/http"
	"net/http/httputil"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"go.mongodb.org/mongo-driver/mongo"
	"google.golang.org/grpc"
)

// Positives: pools that die with the request.

func proxy(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 10}} // want `http.Transport built per request: every call dials new connections and idle ones leak; build it once and share it`
	resp, err := client.Do(r)
	if err == nil {
		resp.Body.Close()
	}
}

func clonedPerRequest(w http.ResponseWriter, r *http.Request) {
	t := http.DefaultTransport.(*http.Transport).Clone() // want `http.Transport \(Clone\) built per request: every call dials new connections and idle ones leak`
	t.TLSClientConfig = &tls.Config{ServerName: r.Host}
	c := &http.Client{Transport: t, Timeout: time.Second}
	_, _ = c.Get("https://upstream.internal/")
}

func newTransport(w http.ResponseWriter, r *http.Request) {
	t := new(http.Transport) // want `http.Transport built per request`
	_, _ = t.RoundTrip(r)
}

func pgxPerRequest(w http.ResponseWriter, r *http.Request) {
	pool, err := pgxpool.New(r.Context(), "postgres://db/shop") // want `pgxpool.Pool \(pgxpool.New\) built per request`
	if err == nil {
		_ = pool.Ping(r.Context())
	}
}

func grpcPerRequest(w http.ResponseWriter, r *http.Request) {
	conn, err := grpc.NewClient("inventory:9000") // want `grpc.ClientConn \(grpc.NewClient\) built per request: every call dials new connections instead of reusing pooled ones; build it once and share it`
	if err != nil {
		return
	}
	defer conn.Close()
	_ = conn.Invoke(r.Context(), "/inventory.Stock/Get", nil, nil)
}

func redisChained(w http.ResponseWriter, r *http.Request) {
	_ = redis.NewClient(&redis.Options{Addr: "cache:6379"}).Get(r.Context(), "k") // want `redis.Client \(redis.NewClient\) built per request`
}

// lookup takes a request, which may be an outgoing one: not evidence of a
// request scope, but the pool it never closes leaks on every call.
func lookup(r *http.Request, dsn string) error {
	pool, err := pgxpool.New(r.Context(), dsn) // want `pgxpool.Pool \(pgxpool.New\) built per call of a.lookup and never closed: each call's idle connections leak; build it once and share it, or close it before returning`
	if err != nil {
		return err
	}
	return pool.Ping(r.Context())
}

func register(mux *http.ServeMux) {
	mux.HandleFunc("/report", func(w http.ResponseWriter, r *http.Request) {
		db, err := sql.Open("postgres", "postgres://db/reports") // want `sql.DB \(sql.Open\) built per request: every call dials new connections instead of reusing pooled ones`
		if err != nil {
			return
		}
		defer db.Close()
		_ = db.PingContext(r.Context())
	})
}

func freshProxy(w http.ResponseWriter, r *http.Request) {
	p := &httputil.ReverseProxy{Rewrite: func(*httputil.ProxyRequest) {}}
	p.Transport = &http.Transport{} // want `http.Transport built per request`
	p.ServeHTTP(w, r)
}

// Positives: pools built in every loop iteration.

func runQueries(dsn string, queries []string) {
	for _, q := range queries {
		db, err := sql.Open("postgres", dsn) // want `sql.DB \(sql.Open\) built in every loop iteration: every call dials new connections and idle ones leak; build it once before the loop`
		if err != nil {
			continue
		}
		_, _ = db.Exec(q)
	}
}

func poll(ctx context.Context, url string) {
	for range time.Tick(time.Minute) {
		c := http.Client{Transport: &http.Transport{}} // want `http.Transport built in every loop iteration`
		_, _ = c.Get(url)
	}
}

// Near miss: a loop that re-joins once an hour builds a transport a pass;
// the few connections it leaves idle a day cost nothing.
func rejoin(ctx context.Context, url string) {
	for {
		c := http.Client{Transport: &http.Transport{}} // ok: a slow pace
		if _, err := c.Get(url); err != nil {
			time.Sleep(time.Minute)
			continue
		}
		time.Sleep(time.Hour)
	}
}

func pingAll(ctx context.Context, uris []string) {
	for _, uri := range uris {
		c, err := mongo.Connect(ctx, nil) // want `mongo.Client \(mongo.Connect\) built in every loop iteration`
		if err == nil {
			_ = c.Ping(ctx)
		}
		_ = uri
	}
	for _, uri := range uris {
		var wg sync.WaitGroup
		wg.Go(func() {
			opts := []*mongo.ClientOptions{{}}
			_ = uri
			c, err := mongo.Connect(ctx, opts...) // want `mongo.Client \(mongo.Connect\) built in a loop and never closed`
			if err == nil {
				_ = c.Ping(ctx)
			}
		})
		wg.Wait()
	}
}

func pingTargets(ctx context.Context, targets []string) {
	for _, target := range targets {
		conn, err := grpc.DialContext(ctx, target) // want `grpc.ClientConn \(grpc.DialContext\) built in a loop and never closed: each iteration's idle connections leak; close it before the iteration ends, or keep one per target`
		if err == nil {
			_ = conn.Invoke(ctx, "/health.Health/Check", nil, nil)
		}
	}
}

// Near misses.

var shared = &http.Transport{MaxIdleConnsPerHost: 32} // ok: built once

func sharedTransport(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: shared, Timeout: 5 * time.Second} // ok: the client only wraps the shared pool
	d := &http.Client{Timeout: time.Second}                        // ok: DefaultTransport
	_, _ = c.Get("https://a.internal/")
	_, _ = d.Get("https://b.internal/")
}

type store struct {
	once sync.Once
	db   *sql.DB
	rdb  *redis.Client
}

// newStore builds the pools once and keeps them.
func newStore(dsn string) (*store, error) {
	db, err := sql.Open("postgres", dsn) // ok: stored in the returned store
	if err != nil {
		return nil, err
	}
	return &store{db: db, rdb: redis.NewClient(&redis.Options{})}, nil
}

func (s *store) lazy(w http.ResponseWriter, r *http.Request) {
	s.once.Do(func() {
		s.db, _ = sql.Open("postgres", "postgres://db/shop") // ok: stored in a field, built once
	})
	if s.rdb == nil {
		s.rdb = redis.NewClient(&redis.Options{}) // ok: stored in a field
	}
}

func handOff(w http.ResponseWriter, r *http.Request) {
	t := &http.Transport{} // ok: passed on; the callee owns it
	keep(t)
}

func keep(http.RoundTripper) {}

func dialAll(targets map[string]string) (map[string]*grpc.ClientConn, error) {
	conns := make(map[string]*grpc.ClientConn)
	for name, target := range targets {
		conn, err := grpc.NewClient(target) // ok: kept in the map, one per target
		if err != nil {
			return nil, err
		}
		conns[name] = conn
	}
	return conns, nil
}

func retryOpen(dsn string) (*sql.DB, error) {
	var db *sql.DB
	var err error
	for i := 0; i < 3; i++ {
		db, err = sql.Open("postgres", dsn) // ok: outlives the loop
		if err == nil {
			break
		}
	}
	return db, err
}

func checkEach(dsns []string) {
	for _, dsn := range dsns {
		db, err := sql.Open("postgres", dsn) // ok: one per target, closed
		if err != nil {
			continue
		}
		_ = db.Ping()
		db.Close()
	}
}

func migrate(ctx context.Context, dsn string) error {
	pool, err := pgxpool.New(ctx, dsn) // ok: a context alone is not a request; run once
	if err != nil {
		return err
	}
	defer pool.Close()
	return pool.Ping(ctx)
}

func middleware(next http.Handler) http.Handler {
	t := &http.Transport{} // ok: built once per middleware, shared by its requests
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = t.RoundTrip(r)
		next.ServeHTTP(w, r)
	})
}

func notFresh(w http.ResponseWriter, r *http.Request, p *httputil.ReverseProxy) {
	p.Transport = &http.Transport{} // ok: stored in a proxy that outlives the request
	p.ServeHTTP(w, r)
}
