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
