package model

import (
	"context"
	"net/http"
	"sync"
	"time"
)

func at() {}

// Kinds: a handler, a function taking a context, one taking nothing.

func Handler(w http.ResponseWriter, r *http.Request) {
	at() // want `kind=http ctx=r.Context\(\) request`
}

func WithContext(ctx context.Context) {
	at() // want `kind=ctxparam ctx=ctx$`
}

func Plain() {
	at() // want `kind=none$`
}

// A derived context is in scope after its declaration, not before.

func Derived(ctx context.Context) {
	at() // want `kind=ctxparam ctx=ctx$`
	sub, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	at() // want `kind=ctxparam ctx=sub$`
	_ = sub
}

// A detached context is skipped: the parameter stays the one in scope.

func Detached(ctx context.Context) {
	bg := context.WithoutCancel(ctx)
	at() // want `kind=ctxparam ctx=ctx$`
	_ = bg
}

// if ctx == nil { ... }: no context is in scope in the body.

func NilCheck(ctx context.Context) {
	if ctx == nil {
		at() // want `kind=ctxparam$`
	}
}

// Code in a goroutine, a defer, a time.AfterFunc callback or a returned
// literal runs apart from the context; a goroutine joined with a
// WaitGroup runs apart only for RunsApart, not RunsApartUnjoined.

func Apart(w http.ResponseWriter, r *http.Request) func() {
	go func() {
		at() // want `kind=none ctx=r.Context\(\) apart request`
	}()
	defer func() {
		at() // want `kind=none ctx=r.Context\(\) apart request`
	}()
	time.AfterFunc(time.Second, func() {
		at() // want `kind=none ctx=r.Context\(\) apart request`
	})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		at() // want `kind=none ctx=r.Context\(\) apart joined request`
	}()
	wg.Wait()
	func() {
		at() // want `kind=none ctx=r.Context\(\) request`
	}()
	return func() {
		at() // want `kind=none ctx=r.Context\(\) apart request`
	}
}

// Where the context is done already.

func Done(ctx context.Context, ch chan int) {
	select {
	case <-ch:
		at() // want `kind=ctxparam ctx=ctx$`
	case <-ctx.Done():
		at() // want `kind=ctxparam ctx=ctx done`
	}
	if ctx.Err() != nil {
		at() // want `kind=ctxparam ctx=ctx done`
	}
	if ctx.Err() == nil {
		at() // want `kind=ctxparam ctx=ctx$`
	}
	<-ctx.Done()
	at() // want `kind=ctxparam ctx=ctx done`
}

// After a loop that a done context ends, the context is done; after a
// loop that ends otherwise, or whose Done case only breaks the select, it
// is not known to be.

func AfterLoops(ctx context.Context, ch chan int) {
loop:
	for {
		select {
		case <-ch:
		case <-ctx.Done():
			break loop
		}
	}
	at() // want `kind=ctxparam ctx=ctx done`
}

func AfterCondLoop(ctx context.Context, ch chan int) {
	var err error
	for err == nil {
		select {
		case <-ch:
		case <-ctx.Done():
			err = ctx.Err()
		}
	}
	at() // want `kind=ctxparam ctx=ctx done`
}

func AfterErrLoop(ctx context.Context, ch chan int) {
	for {
		if ctx.Err() != nil {
			break
		}
		<-ch
	}
	at() // want `kind=ctxparam ctx=ctx done`
}

func AfterOtherLoops(ctx context.Context, ch chan int) {
	for {
		select {
		case <-ch:
		case <-ctx.Done():
			break // ends the select only
		}
	}
	at() // want `kind=ctxparam ctx=ctx$`
}

func AfterInputLoop(ctx context.Context, ch chan int) {
	var n int
	for n < 10 {
		select {
		case v := <-ch:
			n += v
		case <-ctx.Done():
		}
	}
	at() // want `kind=ctxparam ctx=ctx$`
	for range ch {
	}
	at() // want `kind=ctxparam ctx=ctx$`
}

// Test-only functions: unexported, reached only from _test.go files or
// from nothing; a function production code calls is not.

func helperForTests() {} // want `test only`

func unused() {} // want `test only`

func used() {}

func Exported() { used() }

func init() {}
