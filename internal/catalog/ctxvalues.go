package catalog

import (
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/analysisutil"
)

// ReadsContextValue reports whether fn looks a value up in a context it is
// given and waits on nothing, known by the name the ecosystem gives such
// accessors, From…Context (trace.SpanFromContext,
// metadata.FromIncomingContext, middleware.RequestIDFromContext), and a
// result that is no context.
func ReadsContextValue(fn *types.Func) bool {
	if fn == nil || !strings.Contains(fn.Name(), "From") || !strings.HasSuffix(fn.Name(), "Context") {
		return false
	}
	sig := fn.Type().(*types.Signature)
	return takesContext(sig) && !returnsContext(sig)
}

// DecoratesContext reports whether fn takes a context and returns one
// first, as the functions that attach a value to a context do
// (trace.ContextWithSpan, metadata.AppendToOutgoingContext, a tracer's
// ContextWithSpanHook): what becomes of the context is what becomes of
// the one it returns.
func DecoratesContext(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	sig := fn.Type().(*types.Signature)
	return takesContext(sig) && returnsContext(sig)
}

func takesContext(sig *types.Signature) bool {
	for v := range sig.Params().Variables() {
		if analysisutil.IsContext(v.Type()) {
			return true
		}
	}
	return false
}

func returnsContext(sig *types.Signature) bool {
	return sig.Results().Len() > 0 && analysisutil.IsContext(sig.Results().At(0).Type())
}

// runsUntilDone are loops documented to run until the context they are
// given is done: the context is their stop signal, and the work each
// pass does with it ends with it on purpose.
var runsUntilDone = map[string]bool{
	"k8s.io/apimachinery/pkg/util/wait.PollUntilContextCancel":     true,
	"k8s.io/apimachinery/pkg/util/wait.UntilWithContext":           true,
	"k8s.io/apimachinery/pkg/util/wait.JitterUntilWithContext":     true,
	"k8s.io/apimachinery/pkg/util/wait.NonSlidingUntilWithContext": true,
}

// RunsUntilDone reports whether fn loops until the context it is given is
// done (wait.UntilWithContext, wait.PollUntilContextCancel).
func RunsUntilDone(fn *types.Func) bool { return listed(runsUntilDone, fn) }
