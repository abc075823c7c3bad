// Package chainoff is checked with the default options: independent reads
// one after another are reported only with -seqio.chain.
package chainoff

import "context"

type User struct{ ID string }

type Order struct{ ID string }

type UserStore interface {
	GetUser(ctx context.Context, id string) (*User, error)
}

type OrderStore interface {
	ListOrders(ctx context.Context, userID string) ([]Order, error)
}

type Service struct {
	users  UserStore
	orders OrderStore
}

// Near miss by default: the two reads are independent, but the chain rule
// is opt-in.
func (s *Service) Dashboard(ctx context.Context, id string) (*User, []Order, error) {
	u, err := s.users.GetUser(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	orders, err := s.orders.ListOrders(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return u, orders, nil
}
