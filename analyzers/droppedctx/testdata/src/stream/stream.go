// Package stream checks responses whose body outlives the call that
// opened them: a root context there belongs to the stream.
package stream

import (
	"bufio"
	"context"
	"io"
	"net/http"
)

type input struct {
	client  *http.Client
	url     string
	scanner *bufio.Scanner
	data    []byte
}

func (in *input) open(ctx context.Context) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, in.url, nil)
	if err != nil {
		return nil, err
	}
	return in.client.Do(req)
}

// Connect opens a stream that ReadBatch reads from.
func (in *input) Connect(ctx context.Context) error {
	res, err := in.open(context.Background()) // ok: the scanner reads the body later
	if err != nil {
		return err
	}
	in.scanner = bufio.NewScanner(res.Body)
	return nil
}

// Near miss: the body is read whole before Connect returns.
func (in *input) Fetch(ctx context.Context) error {
	res, err := in.open(context.Background()) // want `context.Background discards the context in scope \(ctx\)`
	if err != nil {
		return err
	}
	defer res.Body.Close()
	in.data, err = io.ReadAll(res.Body)
	return err
}

type config struct{ data []byte }

func (c *config) Get(key string) string { return "" }

func parse(data []byte) (*config, error) { return &config{data: data}, nil }

func (in *input) read(ctx context.Context) ([]byte, error) {
	res, err := in.open(ctx)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	return io.ReadAll(res.Body)
}

// Near miss: what is kept is parsed from the bytes the call returned, not
// built on a reader it opened.
func (in *input) Load(ctx context.Context) (cfg *config, err error) {
	data, err := in.read(context.TODO()) // want `context.TODO discards the context in scope \(ctx\)`
	if err != nil {
		return
	}
	cfg, err = parse(data)
	return
}

type statusError struct{ code int }

func (e *statusError) Error() string { return "status" }

// Near miss: only the status code, a number, leaves the function.
func (in *input) Probe(ctx context.Context) error {
	res, err := in.open(context.Background()) // want `context.Background discards the context in scope \(ctx\)`
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if code := res.StatusCode; code != http.StatusOK {
		return &statusError{code}
	}
	return nil
}
