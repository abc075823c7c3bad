package catalog

import (
	"go/types"
	"strings"
)

// poolConstructors lists calls that build a connection pool, keyed as Key
// returns them. Their first result is the pool.
var poolConstructors = map[string]bool{
	"net/http.Transport.Clone": true,

	"database/sql.Open": true, "database/sql.OpenDB": true,

	"google.golang.org/grpc.NewClient": true, "google.golang.org/grpc.Dial": true,
	"google.golang.org/grpc.DialContext": true,

	"github.com/redis/go-redis/v9.NewClient": true, "github.com/redis/go-redis/v9.NewClusterClient": true,
	"github.com/redis/go-redis/v9.NewFailoverClient": true, "github.com/redis/go-redis/v9.NewUniversalClient": true,
	"github.com/go-redis/redis/v8.NewClient": true, "github.com/go-redis/redis/v8.NewClusterClient": true,
	"github.com/go-redis/redis/v7.NewClient": true, "github.com/go-redis/redis.NewClient": true,

	"github.com/jackc/pgx/v5/pgxpool.New": true, "github.com/jackc/pgx/v5/pgxpool.NewWithConfig": true,
	"github.com/jackc/pgx/v4/pgxpool.Connect": true, "github.com/jackc/pgx/v4/pgxpool.ConnectConfig": true,

	"go.mongodb.org/mongo-driver/mongo.Connect": true, "go.mongodb.org/mongo-driver/mongo.NewClient": true,
	"go.mongodb.org/mongo-driver/v2/mongo.Connect": true,
}

// poolTypes lists types whose value, built by a composite literal or new,
// is itself a connection pool.
var poolTypes = map[string]bool{
	"net/http.Transport": true,
}

// poolClosers are the methods that release a pool's connections.
var poolClosers = []string{"Close", "CloseIdleConnections", "Disconnect"}

// IsPoolConstructor reports whether a call of fn builds a connection pool
// (returned as its first result). extra holds more keys, in Key's form,
// that the user declared.
func IsPoolConstructor(fn *types.Func, extra map[string]bool) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	key := Key(fn)
	return poolConstructors[key] || extra[key]
}

// IsPoolType reports whether a value of type t (or *t) is a connection
// pool when built directly, as http.Transport is.
func IsPoolType(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	return poolTypes[n.Obj().Pkg().Path()+"."+n.Obj().Name()]
}

// IsPoolCloser reports whether calling the method name on a pool releases
// its connections.
func IsPoolCloser(name string) bool {
	for _, c := range poolClosers {
		if name == c {
			return true
		}
	}
	return false
}

// ParseKeys splits a comma-separated flag value of catalogue keys
// ("path.Func" or "path.Type.Method") into a set.
func ParseKeys(list string) map[string]bool {
	keys := make(map[string]bool)
	for _, k := range strings.Split(list, ",") {
		if k = strings.TrimSpace(k); k != "" {
			keys[k] = true
		}
	}
	return keys
}

// PoolPackages returns the import paths that provide the pools the
// catalogue knows, plus those of the extra keys, so that analyzers can skip
// packages that import none of them.
func PoolPackages(extra map[string]bool) []string {
	var paths []string
	seen := make(map[string]bool)
	add := func(key string) {
		path := keyPath(key)
		if !seen[path] {
			seen[path] = true
			paths = append(paths, path)
		}
	}
	for k := range poolConstructors {
		add(k)
	}
	for k := range poolTypes {
		add(k)
	}
	for k := range extra {
		add(k)
	}
	return paths
}

// keyPath returns the import path part of a catalogue key.
func keyPath(key string) string {
	slash := strings.LastIndexByte(key, '/') + 1
	if dot := strings.IndexByte(key[slash:], '.'); dot >= 0 {
		return key[:slash+dot]
	}
	return key
}
