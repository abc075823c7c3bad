package kinds

import (
	"context"
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"google.golang.org/grpc"
)

func at() {}

// Framework handlers, and the context each carries.

func Gin(c *gin.Context) {
	at() // want `kind=gin ctx=c.Request.Context\(\) request`
}

func Echo(c echo.Context) error {
	at() // want `kind=echo ctx=c.Request\(\).Context\(\) request`
	return nil
}

type Req struct{}
type Resp struct{}

type server struct{}

func (server) Stream(s grpc.ServerStream) error {
	at() // want `kind=grpc ctx=s.Context\(\) request`
	return nil
}

type mux struct{}

// Near miss: a client stream, which a method sends on, serves no request.
func (mux) sendLoop(s grpc.ClientStream) error {
	at() // want `kind=ctxparam ctx=s.Context\(\)$`
	return nil
}

func (server) Unary(ctx context.Context, req *Req) (*Resp, error) {
	at() // want `kind=grpc ctx=ctx request`
	return nil, nil
}

// Near misses: the unary shape outside a method, a method with another
// number of parameters, a writer without its request.

func Unary(ctx context.Context, req *Req) (*Resp, error) {
	at() // want `kind=ctxparam ctx=ctx$`
	return nil, nil
}

func (server) Extra(ctx context.Context, a, b int) (*Resp, error) {
	at() // want `kind=ctxparam ctx=ctx$`
	return nil, nil
}

func Writer(w http.ResponseWriter) {
	at() // want `kind=none$`
}

// A value with a Context method carries a context; a testing carrier
// counts only when test code is checked (-tests).

type job struct{}

func (job) Context() context.Context { return nil }

func Run(j job) {
	at() // want `kind=ctxparam ctx=j.Context\(\)$`
}

func Helper(t *testing.T) {
	at() // want `kind=ctxparam tests:ctx=t.Context\(\)$`
}

// A test helper has no context in scope unless tests are checked, even
// one it is given besides its *testing.T: only tests call it.
func HelperWithCtx(ctx context.Context, t *testing.T) {
	at() // want `kind=ctxparam tests:ctx=t.Context\(\)$`
}
