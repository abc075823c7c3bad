// Package grpc is a stub of google.golang.org/grpc.
package grpc

import "context"

type ClientConn struct{}

func (*ClientConn) Close() error { return nil }

func (*ClientConn) Invoke(ctx context.Context, method string, args, reply any, opts ...CallOption) error {
	return nil
}

type DialOption interface{}

type CallOption interface{}

func NewClient(target string, opts ...DialOption) (*ClientConn, error) { return nil, nil }

func Dial(target string, opts ...DialOption) (*ClientConn, error) { return nil, nil }

func DialContext(ctx context.Context, target string, opts ...DialOption) (*ClientConn, error) {
	return nil, nil
}
