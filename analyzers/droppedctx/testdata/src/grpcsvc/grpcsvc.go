// Package grpcsvc is a gRPC service: its methods serve requests.
package grpcsvc

import (
	"context"
	"database/sql"

	"google.golang.org/grpc"
)

type GetRequest struct{ ID string }
type GetReply struct{ Name string }

type Orders_WatchServer interface {
	grpc.ServerStream
	Send(*GetReply) error
}

type server struct{ db *sql.DB }

func (s *server) Get(ctx context.Context, req *GetRequest) (*GetReply, error) {
	go s.db.ExecContext(ctx, "UPDATE stats SET gets = gets + 1") // want `goroutine uses the request context ctx, which is canceled when the handler returns`
	return &GetReply{}, nil
}

func (s *server) Watch(req *GetRequest, stream Orders_WatchServer) error {
	return s.db.Ping() // want `DB.Ping ignores the context in scope and runs on after it is canceled; use PingContext\(stream.Context\(\), …\)`
}

func (s *server) count(ctx context.Context) int { // not a gRPC method: three results would not fit
	go s.db.PingContext(ctx) // ok: not a request handler
	return 0
}
