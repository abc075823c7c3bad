// Package span carries a trace span in a context, as OpenTelemetry does.
package span

import "context"

type Span struct{ ID string }

type key struct{}

func FromContext(ctx context.Context) Span { s, _ := ctx.Value(key{}).(Span); return s }

func ContextWithSpan(parent context.Context, s Span) context.Context {
	return context.WithValue(parent, key{}, s)
}
