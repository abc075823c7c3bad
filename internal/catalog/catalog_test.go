package catalog

import (
	"go/token"
	"go/types"
	"maps"
	"slices"
	"testing"

	"github.com/conclint/conclint/internal/harness"
)

// lookup returns the function or method "pkg.Name" or "pkg.Type.Name" of
// the standard library.
func lookup(t *testing.T, imp types.Importer, path, typ, name string) *types.Func {
	t.Helper()
	pkg, err := imp.Import(path)
	if err != nil {
		t.Fatal(err)
	}
	if typ == "" {
		return pkg.Scope().Lookup(name).(*types.Func)
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(pkg.Scope().Lookup(typ).Type()), true, pkg, name)
	return obj.(*types.Func)
}

func TestCatalogue(t *testing.T) {
	imp := harness.NewSourceImporter(token.NewFileSet())
	queryRow := lookup(t, imp, "database/sql", "DB", "QueryRow")
	if got := Key(queryRow); got != "database/sql.DB.QueryRow" {
		t.Errorf("Key = %q", got)
	}
	if v, ok := ContextVariant(queryRow); !ok || v.Rename != "QueryRowContext" {
		t.Errorf("ContextVariant(DB.QueryRow) = %+v, %v; want QueryRowContext, found by its signature", v, ok)
	}
	if v, ok := ContextVariant(lookup(t, imp, "net/http", "", "Get")); !ok || v.Rename != "" {
		t.Errorf("ContextVariant(http.Get) = %+v, %v; want the catalogued advice, no rename", v, ok)
	}
	if v, ok := ContextVariant(lookup(t, imp, "database/sql", "DB", "QueryRowContext")); ok {
		t.Errorf("ContextVariant(DB.QueryRowContext) = %+v: it takes a context already", v)
	}
	if !IsLogging(lookup(t, imp, "log/slog", "", "Info")) || IsLogging(lookup(t, imp, "net/http", "", "Get")) {
		t.Error("IsLogging: want slog.Info, not http.Get")
	}
	if !IsNetworkIO(lookup(t, imp, "net", "", "Dial")) || IsNetworkIO(lookup(t, imp, "log/slog", "", "Info")) {
		t.Error("IsNetworkIO: want net.Dial, not slog.Info")
	}
	if got := slices.Sorted(maps.Keys(ParseKeys(" example.com/db.Open, ,example.com/db.Pool.Clone "))); !slices.Equal(got, []string{"example.com/db.Open", "example.com/db.Pool.Clone"}) {
		t.Errorf("ParseKeys = %v", got)
	}
}

func TestCost(t *testing.T) {
	imp := harness.NewSourceImporter(token.NewFileSet())
	if !IsRemoteRequest(lookup(t, imp, "net/http", "Client", "Do")) || IsRemoteRequest(lookup(t, imp, "database/sql", "DB", "QueryContext")) ||
		IsRemoteRequest(lookup(t, imp, "net", "", "Dial")) {
		t.Error("IsRemoteRequest: want http.Client.Do, not a query or a dial")
	}
	if !IsTransport(lookup(t, imp, "net/http", "Client", "Do")) || IsTransport(lookup(t, imp, "net/http", "Client", "Post")) {
		t.Error("IsTransport: want Client.Do, not Client.Post")
	}
	if !IsTransport(lookup(t, imp, "database/sql", "DB", "QueryContext")) || IsTransport(lookup(t, imp, "database/sql", "Row", "Scan")) {
		t.Error("IsTransport: want DB.QueryContext, not Row.Scan")
	}
	if IsGRPCStub(lookup(t, imp, "net/http", "Client", "Do")) {
		t.Error("IsGRPCStub: http.Client.Do is no gRPC stub")
	}
	for q, want := range map[string]bool{
		"SELECT id, name FROM users ORDER BY name":           true,
		"select sum(size) from package_blob":                 true,
		"SELECT a.id FROM a JOIN b ON a.id = b.a":            true,
		"SELECT name FROM users WHERE id = $1":               false,
		"SELECT id FROM users ORDER BY id LIMIT 20":          false,
		"SELECT id FROM users FETCH FIRST 10 ROWS ONLY":      false,
		"SELECT TOP 10 id FROM users":                        false,
		"SELECT 1":                                           false,
		"SELECT id FROM users FOR UPDATE":                    false,
		"INSERT INTO users SELECT * FROM staged":             false,
		"SELECT version()":                                   false,
		"SELECT where_clause FROM rules":                     true,
		"SELECT count(*) FROM events e WHERE e.user_id = $1": false,
	} {
		if got := ScansTable(q); got != want {
			t.Errorf("ScansTable(%q) = %v, want %v", q, got, want)
		}
	}
}

// TestWaitsPoolsAndSinks checks the catalogue's other questions, each
// with a near miss: waits, timers, streams, local setup, child processes,
// hijacks, pools (constructors, types, closers, packages) and log sinks.
func TestWaitsPoolsAndSinks(t *testing.T) {
	imp := harness.NewSourceImporter(token.NewFileSet())
	for _, tc := range []struct {
		fn   *types.Func
		want Wait
	}{
		{lookup(t, imp, "time", "", "Sleep"), Sleep},
		{lookup(t, imp, "sync", "Cond", "Wait"), CondWait},
		{lookup(t, imp, "sync", "WaitGroup", "Wait"), GroupWait},
		{lookup(t, imp, "sync", "WaitGroup", "Done"), NoWait},
		{lookup(t, imp, "time", "", "After"), NoWait},
		{nil, NoWait},
	} {
		if got := WaitOf(tc.fn); got != tc.want {
			t.Errorf("WaitOf(%v) = %v, want %v", tc.fn, got, tc.want)
		}
	}
	if !IsTimer(lookup(t, imp, "time", "", "After")) || !IsTimer(lookup(t, imp, "time", "", "Tick")) || IsTimer(lookup(t, imp, "time", "", "Sleep")) {
		t.Error("IsTimer: want time.After and time.Tick, not time.Sleep")
	}
	if !IsStream(lookup(t, imp, "crypto/tls", "Conn", "Read")) || !IsStream(lookup(t, imp, "net", "UDPConn", "ReadFrom")) || IsStream(lookup(t, imp, "net", "", "Dial")) {
		t.Error("IsStream: want tls.Conn.Read and UDPConn.ReadFrom, not net.Dial")
	}
	if !IsLocalSetup(lookup(t, imp, "net", "ListenConfig", "Listen")) || IsLocalSetup(lookup(t, imp, "net", "Dialer", "DialContext")) {
		t.Error("IsLocalSetup: want ListenConfig.Listen, not Dialer.DialContext")
	}
	if !IsHijack(lookup(t, imp, "net/http", "ResponseController", "Hijack")) || IsHijack(lookup(t, imp, "net/http", "ResponseController", "Flush")) {
		t.Error("IsHijack: want ResponseController.Hijack, not Flush")
	}
	if !IsChildProcess(lookup(t, imp, "os/exec", "Cmd", "Run")) || IsChildProcess(lookup(t, imp, "os/exec", "Cmd", "Start")) {
		t.Error("IsChildProcess: want Cmd.Run, not Cmd.Start (it does not wait)")
	}

	open := lookup(t, imp, "database/sql", "", "Open")
	clone := lookup(t, imp, "net/http", "Transport", "Clone")
	get := lookup(t, imp, "net/http", "", "Get")
	if !IsPoolConstructor(open, nil) || !IsPoolConstructor(clone, nil) || IsPoolConstructor(get, nil) {
		t.Error("IsPoolConstructor: want sql.Open and Transport.Clone, not http.Get")
	}
	if !IsPoolConstructor(get, ParseKeys("net/http.Get")) {
		t.Error("IsPoolConstructor: a key the user declares is a constructor")
	}
	transport := lookup(t, imp, "net/http", "Transport", "Clone").Signature().Recv().Type() // *http.Transport
	if !IsPoolType(transport) || IsPoolType(open.Signature().Results().At(1).Type()) {
		t.Error("IsPoolType: want *http.Transport, not error")
	}
	if !IsPoolCloser("CloseIdleConnections") || IsPoolCloser("Clone") {
		t.Error("IsPoolCloser: want CloseIdleConnections, not Clone")
	}
	pkgs := PoolPackages(ParseKeys("example.com/db.Open,example.com/db.Pool.Clone"))
	if !slices.Contains(pkgs, "database/sql") || !slices.Contains(pkgs, "example.com/db") || slices.Contains(pkgs, "example.com/db.Pool") {
		t.Errorf("PoolPackages = %v; want database/sql and example.com/db once, by import path", pkgs)
	}
	if n := len(pkgs); n != len(slices.Compact(slices.Sorted(slices.Values(pkgs)))) {
		t.Errorf("PoolPackages = %v: a path twice", pkgs)
	}

	ctxType := lookup(t, imp, "context", "", "Background").Signature().Results().At(0).Type()
	sink := types.NewSignatureType(nil, nil, nil, types.NewTuple(types.NewParam(token.NoPos, nil, "ctx", ctxType), types.NewParam(token.NoPos, nil, "msg", types.Typ[types.String])), nil, false)
	noCtx := types.NewSignatureType(nil, nil, nil, types.NewTuple(types.NewParam(token.NoPos, nil, "msg", types.Typ[types.String])), nil, false)
	returns := types.NewSignatureType(nil, nil, nil, sink.Params(), types.NewTuple(types.NewParam(token.NoPos, nil, "", types.Universe.Lookup("error").Type())), false)
	for _, tc := range []struct {
		sig  *types.Signature
		name string
		want bool
	}{
		{sink, "Infof", true},
		{sink, "recordConnectionMetrics", true},
		{sink, "ObserveLatency", true},
		{sink, "Fetch", false},    // a context-taking call named as work
		{noCtx, "Infof", false},   // no context to drop
		{returns, "Infof", false}, // returns an error: someone may wait on it
	} {
		if got := IsLogSinkNamed(tc.sig, tc.name); got != tc.want {
			t.Errorf("IsLogSinkNamed(%v, %q) = %v, want %v", tc.sig, tc.name, got, tc.want)
		}
	}
	if !IsLogSink(lookup(t, imp, "log/slog", "", "InfoContext")) || IsLogSink(lookup(t, imp, "net/http", "", "NewRequestWithContext")) {
		t.Error("IsLogSink: want slog.InfoContext, not http.NewRequestWithContext")
	}
}
