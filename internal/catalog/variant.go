// Package catalog knows what calls do: which have a context-accepting
// variant, which do network or database I/O, and which only log.
package catalog

import (
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/analysisutil"
)

// Variant describes the context-accepting sibling of a call.
type Variant struct {
	// Use is what the message tells the user to call instead,
	// for example "QueryRowContext" or "http.NewRequestWithContext and Client.Do".
	Use string
	// Rename, when not empty, is the name that replaces the callee's name in
	// a mechanical fix that also inserts the context as first argument; it
	// may be qualified ("DefaultResolver.LookupHost").
	Rename string
	// Sibling is the variant itself when the generic rule found it next to
	// the callee (not for catalogued pairs).
	Sibling *types.Func
}

// variantSuffixes are the names the generic rule tries, in order.
var variantSuffixes = []string{"Context", "WithContext", "Ctx"}

// knownPairs lists siblings whose names or parameters do not follow the
// generic rule. Keys are "path.Func" or "path.Type.Method".
var knownPairs = map[string]Variant{
	"net/http.Get":              {Use: "http.NewRequestWithContext and Client.Do"},
	"net/http.Head":             {Use: "http.NewRequestWithContext and Client.Do"},
	"net/http.Post":             {Use: "http.NewRequestWithContext and Client.Do"},
	"net/http.PostForm":         {Use: "http.NewRequestWithContext and Client.Do"},
	"net/http.Client.Get":       {Use: "http.NewRequestWithContext and Client.Do"},
	"net/http.Client.Head":      {Use: "http.NewRequestWithContext and Client.Do"},
	"net/http.Client.Post":      {Use: "http.NewRequestWithContext and Client.Do"},
	"net/http.Client.PostForm":  {Use: "http.NewRequestWithContext and Client.Do"},
	"net.Dial":                  {Use: "net.Dialer.DialContext"},
	"net.DialTimeout":           {Use: "net.Dialer.DialContext"},
	"crypto/tls.Dial":           {Use: "tls.Dialer.DialContext"},
	"crypto/tls.DialWithDialer": {Use: "tls.Dialer.DialContext"},
	"database/sql.DB.Begin":     {Use: "BeginTx"},
	"database/sql.Conn.Begin":   {Use: "BeginTx"},

	// DNS lookups: the package functions use net.DefaultResolver, whose
	// methods take (ctx, the same arguments), except LookupIP's, which
	// also takes the network ("ip", "ip4" or "ip6"). LookupPort is left
	// out: it reads the local services database and asks no server.
	"net.LookupHost":  resolver("LookupHost"),
	"net.LookupAddr":  resolver("LookupAddr"),
	"net.LookupCNAME": resolver("LookupCNAME"),
	"net.LookupMX":    resolver("LookupMX"),
	"net.LookupTXT":   resolver("LookupTXT"),
	"net.LookupSRV":   resolver("LookupSRV"),
	"net.LookupNS":    resolver("LookupNS"),
	"net.LookupIP":    {Use: `net.DefaultResolver.LookupIP, network "ip",`},
}

// resolver is the variant of a net.LookupX function: the same method of
// net.DefaultResolver, which the fix names through the package qualifier
// already in the call (net.LookupHost becomes net.DefaultResolver.LookupHost).
func resolver(name string) Variant {
	return Variant{Use: "net.DefaultResolver." + name, Rename: "DefaultResolver." + name}
}

// ContextVariant returns the context-accepting sibling of fn, if one exists.
func ContextVariant(fn *types.Func) (Variant, bool) {
	if fn == nil || fn.Pkg() == nil {
		return Variant{}, false
	}
	if v, ok := knownPairs[Key(fn)]; ok {
		return v, true
	}
	if isComputeOnly(fn) {
		return Variant{}, false
	}
	sig := fn.Type().(*types.Signature)
	if sig.Params().Len() > 0 && analysisutil.IsContext(sig.Params().At(0).Type()) {
		return Variant{}, false // already takes a context
	}
	for _, suffix := range variantSuffixes {
		name := fn.Name() + suffix
		sib := sibling(fn, sig, name)
		if sib != nil && takesContextThen(sib.Type().(*types.Signature), sig) {
			use := name
			if sig.Recv() == nil {
				use = fn.Pkg().Name() + "." + name
			}
			return Variant{Use: use, Rename: name, Sibling: sib}, true
		}
	}
	return Variant{}, false
}

// ContextSibling returns how to call fn's context-taking sibling, named fn's
// name with a variant suffix and taking a context.Context first, whatever
// its other parameters (backoff.ThrottleRetryContext beside ThrottleRetry,
// whose operation takes the context too): the advice for a caller of fn,
// where ContextVariant's exact signature match is what a fix needs.
func ContextSibling(fn *types.Func) (string, bool) {
	if fn == nil || fn.Pkg() == nil {
		return "", false
	}
	sig := fn.Type().(*types.Signature)
	for _, suffix := range variantSuffixes {
		name := fn.Name() + suffix
		sib := sibling(fn, sig, name)
		if sib == nil {
			continue
		}
		if p := sib.Type().(*types.Signature).Params(); p.Len() > 0 && analysisutil.IsContext(p.At(0).Type()) {
			if sig.Recv() == nil {
				return fn.Pkg().Name() + "." + name, true
			}
			return name, true
		}
	}
	return "", false
}

// sibling finds name next to fn: in its package for a function, in the
// receiver's method set for a method.
func sibling(fn *types.Func, sig *types.Signature, name string) *types.Func {
	if recv := sig.Recv(); recv != nil {
		obj, _, _ := types.LookupFieldOrMethod(recv.Type(), true, fn.Pkg(), name)
		f, _ := obj.(*types.Func)
		return f
	}
	f, _ := fn.Pkg().Scope().Lookup(name).(*types.Func)
	return f
}

// takesContextThen reports whether v's parameters are (context.Context,
// the parameters of orig...).
func takesContextThen(v, orig *types.Signature) bool {
	vp, op := v.Params(), orig.Params()
	if vp.Len() != op.Len()+1 || v.Variadic() != orig.Variadic() || !analysisutil.IsContext(vp.At(0).Type()) {
		return false
	}
	for i := 0; i < op.Len(); i++ {
		if !types.Identical(vp.At(i+1).Type(), op.At(i).Type()) {
			return false
		}
	}
	return true
}

// Key names fn as "path.Func" or "path.Type.Method" (pointer receivers and
// type arguments dropped), the form the catalogue tables use.
func Key(fn *types.Func) string {
	fn = fn.Origin()
	if fn.Type().(*types.Signature).Recv() == nil {
		return fn.Pkg().Path() + "." + fn.Name()
	}
	recv := analysisutil.RecvTypeName(fn)
	if recv == "" {
		recv = "?"
	}
	return fn.Pkg().Path() + "." + recv + "." + fn.Name()
}

// loggingPaths are logging packages: their context variants only carry
// values to handlers, and waiting on them is not I/O a request waits for.
var loggingPaths = []string{
	"log", "log/slog",
	"go.uber.org/zap", "github.com/sirupsen/logrus", "github.com/rs/zerolog",
	"k8s.io/klog", "k8s.io/klog/v2", "github.com/go-logr/logr", "github.com/go-kit/log",
}

// IsLogging reports whether fn belongs to a logging package, or is a log
// call by its shape wherever it is (a project's own glog fork):
// isLogCall.
func IsLogging(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	path := fn.Pkg().Path()
	for _, p := range loggingPaths {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return isLogCall(fn)
}

// isLogCall reports whether fn has the shape of a log call: named as one
// (Errorf, Infoln, Warning, or such a name with a Ctx or Context suffix,
// the context variant), returning nothing, and taking a message's
// arguments last (args ...any).
func isLogCall(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Results().Len() != 0 || !sig.Variadic() {
		return false
	}
	last := sig.Params().At(sig.Params().Len() - 1).Type().(*types.Slice).Elem()
	if iface, ok := last.Underlying().(*types.Interface); !ok || !iface.Empty() {
		return false
	}
	name := strings.TrimSuffix(strings.TrimSuffix(fn.Name(), "Context"), "Ctx")
	return logVerbs[name] || logVerbs[strings.TrimSuffix(name, "ln")] || logVerbs[strings.TrimSuffix(name, "f")]
}

// logVerbs are the names of logging calls, on any logger type.
var logVerbs = map[string]bool{
	"Print": true, "Printf": true, "Println": true, "Log": true, "Logf": true,
	"Trace": true, "Tracef": true, "Debug": true, "Debugf": true, "Info": true, "Infof": true,
	"Warn": true, "Warnf": true, "Warning": true, "Warningf": true, "Error": true, "Errorf": true,
	"Notice": true, "Noticef": true, "Fatal": true, "Fatalf": true,
}

// IsLogSink reports whether fn only records what happened: a function of
// a logging package, or one that takes a context first, returns nothing
// and is named as a log call (a project's Logger.Printf(ctx, …)) or as a
// metric (recordConnectionMetrics, ObserveLatency). The context carries
// values there; nothing waits on it.
func IsLogSink(fn *types.Func) bool {
	if IsLogging(fn) {
		return true
	}
	return fn != nil && IsLogSinkNamed(fn.Type().(*types.Signature), fn.Name())
}

// IsLogSinkNamed reports whether a function of signature sig known by one
// of names (a function value held in a variable or field, or returned by a
// getter: getMetricCallback()(ctx, …)) only records what happened: it
// takes a context first, returns nothing, and a name says log or metric.
func IsLogSinkNamed(sig *types.Signature, names ...string) bool {
	if sig == nil || sig.Results().Len() != 0 || sig.Params().Len() == 0 || !analysisutil.IsContext(sig.Params().At(0).Type()) {
		return false
	}
	for _, name := range names {
		if logVerbs[name] || strings.Contains(strings.ToLower(name), "metric") ||
			strings.HasPrefix(name, "record") || strings.HasPrefix(name, "Record") ||
			strings.HasPrefix(name, "observe") || strings.HasPrefix(name, "Observe") {
			return true
		}
	}
	return false
}

// computePrefixes name calls whose context variants only carry values to
// user hooks (yaml's DecodeContext, validator's StructCtx): they compute and
// wait on no I/O, so dropping the context there loses nothing that matters.
var computePrefixes = []string{"Decode", "Encode", "Marshal", "Unmarshal", "Validate", "Struct", "Var"}

func isComputeOnly(fn *types.Func) bool {
	for _, p := range computePrefixes {
		if strings.HasPrefix(fn.Name(), p) {
			return true
		}
	}
	return false
}
