// Package mongo is a stub of go.mongodb.org/mongo-driver/mongo.
package mongo

import "context"

type Client struct{}

type ClientOptions struct{}

func Connect(ctx context.Context, opts ...*ClientOptions) (*Client, error) { return nil, nil }

func (*Client) Disconnect(ctx context.Context) error { return nil }

func (*Client) Ping(ctx context.Context) error { return nil }
