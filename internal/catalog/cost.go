package catalog

import (
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/analysisutil"
)

// remoteRequest lists the calls that send a request to another service
// and wait for its answer: an HTTP request or a unary gRPC call. Each is
// a round trip to a server that does work of its own, not a lookup in a
// local cache or a read of a connection already open.
var remoteRequest = map[string]bool{
	"net/http.Get": true, "net/http.Head": true, "net/http.Post": true, "net/http.PostForm": true,
	"net/http.Client.Do": true, "net/http.Client.Get": true, "net/http.Client.Head": true,
	"net/http.Client.Post": true, "net/http.Client.PostForm": true,
	"net/http.Transport.RoundTrip": true, "net/http.RoundTripper.RoundTrip": true,
	"google.golang.org/grpc.ClientConn.Invoke": true, "google.golang.org/grpc.ClientConnInterface.Invoke": true,
}

// IsRemoteRequest reports whether a call of fn sends an HTTP request or a
// unary gRPC call and waits for the answer: a round trip to another
// service, the kind whose latency is worth overlapping with another's.
func IsRemoteRequest(fn *types.Func) bool { return listed(remoteRequest, fn) }

// IsTransport reports whether fn sends whatever request it is given
// (http.Client.Do, RoundTrip, gRPC Invoke, a database/sql query with
// its text): two calls of it are two different requests, where two calls
// of one API method are the same request with other arguments.
func IsTransport(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if fn.Pkg().Path() == "database/sql" {
		return strings.HasPrefix(fn.Name(), "Query") && listed(networkIO, fn)
	}
	return listed(remoteRequest, fn) && fn.Name() != "Post" && fn.Name() != "PostForm"
}

// IsGRPCStub reports whether fn is a unary method of a gRPC client: a
// method of a type named …Client (the generated interface or struct) in
// a package that imports google.golang.org/grpc, which takes a context
// and returns a response and an error, not a stream.
func IsGRPCStub(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || fn.Pkg() == nil || !fn.Exported() {
		return false
	}
	recv := sig.Recv().Type()
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	named, ok := types.Unalias(recv).(*types.Named)
	if !ok || !strings.HasSuffix(named.Obj().Name(), "Client") || strings.Contains(named.Obj().Name(), "_") ||
		!analysisutil.Imports(fn.Pkg(), "google.golang.org/grpc") {
		return false // Service_MethodClient types are streams
	}
	if sig.Params().Len() == 0 || !analysisutil.IsContext(sig.Params().At(0).Type()) || sig.Results().Len() != 2 {
		return false
	}
	resp := sig.Results().At(0).Type()
	if types.IsInterface(resp) {
		return false // a stream: Service_MethodClient
	}
	return analysisutil.IsError(sig.Results().At(1).Type())
}

// cloudSDKs are the packages of cloud SDKs whose service clients send
// each method call to the provider's API as an HTTPS request, and are
// documented safe for concurrent use: AWS SDK for Go v2 ("service clients
// are safe to use concurrently") and the Azure SDK for Go ("all client
// instance methods are goroutine-safe"). The request is sent through an
// interface inside the SDK, so no fact shows it.
var cloudSDKs = []string{"github.com/aws/aws-sdk-go-v2/service/", "github.com/Azure/azure-sdk-for-go/sdk/"}

// IsCloudSDKClient reports whether t (or *t) is a service client of a
// cloud SDK (cloudSDKs): a type named Client, or …Client in Azure's.
func IsCloudSDKClient(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || !strings.HasSuffix(named.Obj().Name(), "Client") {
		return false
	}
	for _, prefix := range cloudSDKs {
		if strings.HasPrefix(named.Obj().Pkg().Path(), prefix) {
			return true
		}
	}
	return false
}

// IsCloudSDKCall reports whether fn is an API call of a cloud SDK's service
// client (IsCloudSDKClient): an exported method that takes a context first
// and returns a response and an error, one HTTPS round trip to the
// provider (s3.Client.GetObject, armcompute.VirtualMachinesClient.Get).
func IsCloudSDKCall(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || !fn.Exported() || !IsCloudSDKClient(sig.Recv().Type()) {
		return false
	}
	if sig.Params().Len() == 0 || !analysisutil.IsContext(sig.Params().At(0).Type()) || sig.Results().Len() != 2 {
		return false
	}
	return !types.IsInterface(sig.Results().At(0).Type()) && analysisutil.IsError(sig.Results().At(1).Type())
}

// ScansTable reports whether query, the constant text of a database/sql
// query, reads a whole table: a SELECT … FROM with no WHERE, LIMIT, FETCH
// or TOP, so its cost grows with the table, unlike a lookup by key.
func ScansTable(query string) bool {
	words := strings.FieldsFunc(strings.ToUpper(query), func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_')
	})
	if len(words) == 0 || words[0] != "SELECT" {
		return false
	}
	from := false
	for _, w := range words {
		switch w {
		case "FROM":
			from = true
		case "WHERE", "LIMIT", "FETCH", "TOP", "INTO", "FOR":
			return false
		}
	}
	return from
}

// ConcurrentSafe reports whether t is documented safe for concurrent use:
// *sql.DB, *http.Client, a gRPC connection or generated gRPC client, a
// cloud SDK's service client.
func ConcurrentSafe(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	obj := named.Obj()
	switch obj.Pkg().Path() + "." + obj.Name() {
	case "database/sql.DB", "net/http.Client", "google.golang.org/grpc.ClientConn", "google.golang.org/grpc.ClientConnInterface":
		return true
	}
	if IsCloudSDKClient(named) {
		return true
	}
	return strings.HasSuffix(strings.ToLower(obj.Name()), "client") && analysisutil.Imports(obj.Pkg(), "google.golang.org/grpc")
}
