// Package grpc is a minimal stub of google.golang.org/grpc for tests.
package grpc

import "context"

type ServerStream interface {
	Context() context.Context
	SendMsg(m any) error
	RecvMsg(m any) error
}

type ClientStream interface {
	Context() context.Context
	CloseSend() error
	SendMsg(m any) error
	RecvMsg(m any) error
}

type Server struct{}
