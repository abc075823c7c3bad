// Package pb is generated gRPC client code, as protoc-gen-go-grpc writes it.
package pb

import (
	"context"

	"google.golang.org/grpc"
)

type GetUserRequest struct{ ID string }
type User struct{ ID, Name string }
type ListOrdersRequest struct{ UserID string }
type ListOrdersResponse struct{ IDs []string }
type GetPriceRequest struct{ SKU string }
type Price struct{ Cents int64 }

// UsersClient is the client API for the Users service.
type UsersClient interface {
	GetUser(ctx context.Context, in *GetUserRequest, opts ...grpc.CallOption) (*User, error)
	WatchUsers(ctx context.Context, in *GetUserRequest, opts ...grpc.CallOption) (Users_WatchUsersClient, error)
}

type Users_WatchUsersClient interface {
	Recv() (*User, error)
	grpc.ClientStream
}

// OrdersClient is the client API for the Orders service.
type OrdersClient interface {
	ListOrders(ctx context.Context, in *ListOrdersRequest, opts ...grpc.CallOption) (*ListOrdersResponse, error)
}

type ordersClient struct{ cc grpc.ClientConnInterface }

func NewOrdersClient(cc grpc.ClientConnInterface) OrdersClient { return &ordersClient{cc} }

func (c *ordersClient) ListOrders(ctx context.Context, in *ListOrdersRequest, opts ...grpc.CallOption) (*ListOrdersResponse, error) {
	out := new(ListOrdersResponse)
	err := c.cc.Invoke(ctx, "/shop.Orders/ListOrders", in, out, opts...)
	return out, err
}

// PricingClient is a generated struct client, used directly.
type PricingClient struct{ cc grpc.ClientConnInterface }

func (c *PricingClient) GetPrice(ctx context.Context, in *GetPriceRequest, opts ...grpc.CallOption) (*Price, error) {
	out := new(Price)
	err := c.cc.Invoke(ctx, "/shop.Pricing/GetPrice", in, out, opts...)
	return out, err
}
