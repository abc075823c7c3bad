package fix

import (
	"context"
	"errors"
	"fmt"
)

type User struct{ ID string }

type Order struct{ ID string }

type Users interface {
	GetUser(ctx context.Context, id string) (*User, error)
}

type Orders interface {
	ListOrders(ctx context.Context, userID string) ([]Order, error)
	CountOrders(ctx context.Context, userID string) (int, error)
}

type Service struct {
	users  Users
	orders Orders
	counts Orders
}

type Summary struct {
	User   *User
	Orders []Order
	Count  int
}

// The canonical shape: a fix.
func (s *Service) Summary(ctx context.Context, id string) (*Summary, error) {
	u, err := s.users.GetUser(ctx, id)
	if err != nil {
		return nil, err
	}
	orders, err := s.orders.ListOrders(ctx, id) // want `s.orders.ListOrders does not depend on s.users.GetUser`
	if err != nil {
		return nil, err
	}
	return &Summary{User: u, Orders: orders}, nil
}

// A chain of three, and err used after it.
func (s *Service) Full(ctx context.Context, id string) (*Summary, error) {
	u, err := s.users.GetUser(ctx, id)
	if err != nil {
		return nil, err
	}
	orders, err := s.orders.ListOrders(ctx, id)
	if err != nil {
		return nil, err
	}
	n, err := s.counts.CountOrders(ctx, id) // want `s.counts.CountOrders does not depend on s.users.GetUser \(line \d+\) or s.orders.ListOrders`
	if err != nil {
		return nil, err
	}
	if n == 0 {
		err = errors.New("no orders")
	}
	return &Summary{User: u, Orders: orders, Count: n}, err
}

// Each check wraps its error differently: no fix.
func (s *Service) Wrapped(ctx context.Context, id string) (*Summary, error) {
	u, err := s.users.GetUser(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("user: %w", err)
	}
	orders, err := s.orders.ListOrders(ctx, id) // want `s.orders.ListOrders does not depend on s.users.GetUser`
	if err != nil {
		return nil, fmt.Errorf("orders: %w", err)
	}
	return &Summary{User: u, Orders: orders}, nil
}

// Work between the calls: no fix.
func (s *Service) Between(ctx context.Context, id string) (*Summary, error) {
	u, err := s.users.GetUser(ctx, id)
	if err != nil {
		return nil, err
	}
	fmt.Println("got", id)
	orders, err := s.orders.ListOrders(ctx, id) // want `s.orders.ListOrders does not depend on s.users.GetUser`
	if err != nil {
		return nil, err
	}
	return &Summary{User: u, Orders: orders}, nil
}
