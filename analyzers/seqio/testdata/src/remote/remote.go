// Package remote is checked with the default options: seqio/remote
// reports independent reads only when each is a costly round trip.
package remote

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"

	"pb"
)

type Handler struct {
	db        *sql.DB
	pricing   *http.Client
	warehouse *http.Client
	users     pb.UsersClient
	orders    pb.OrdersClient
	prices    *pb.PricingClient
	api       *apiClient
}

// Two requests to two services, one after the other.
func (h *Handler) Product(w http.ResponseWriter, r *http.Request) {
	sku := r.PathValue("sku")
	preq, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://pricing/quote?sku="+sku, nil)
	wreq, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://warehouse/stock/"+sku, nil)
	price, err := h.pricing.Do(preq)
	if err != nil {
		return
	}
	defer price.Body.Close()
	stock, err := h.warehouse.Do(wreq) // want `h.warehouse.Do does not depend on h.pricing.Do \(line \d+\), and each is a remote request; run them concurrently with errgroup to wait for the slower one, not both`
	if err != nil {
		return
	}
	defer stock.Body.Close()
}

// Near miss: a lookup by key beside a request is lopsided: overlapping
// them saves only the lookup's millisecond (seqio/chain reports it).
func (h *Handler) ProductName(w http.ResponseWriter, r *http.Request) {
	sku := r.PathValue("sku")
	var name string
	if err := h.db.QueryRowContext(r.Context(), "SELECT name FROM products WHERE sku = $1", sku).Scan(&name); err != nil {
		return
	}
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://pricing/quote?sku="+sku, nil)
	resp, err := h.pricing.Do(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
}

// Near miss: the second request is built from the first one's answer.
func (h *Handler) ProductOfOffer(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://pricing/offer/"+r.PathValue("id"), nil)
	offer, err := h.pricing.Do(req)
	if err != nil {
		return
	}
	defer offer.Body.Close()
	var o struct{ SKU string }
	_ = json.NewDecoder(offer.Body).Decode(&o)
	wreq, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://warehouse/stock/"+o.SKU, nil)
	stock, err := h.warehouse.Do(wreq)
	if err != nil {
		return
	}
	defer stock.Body.Close()
}

// Near miss: the second request carries the first one's answer in a
// header, or in a field, written into the request after it was built.
func (h *Handler) StockWithToken(w http.ResponseWriter, r *http.Request) {
	token, err := h.api.getToken(r.Context())
	if err != nil {
		return
	}
	wreq, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://warehouse/stock/"+r.PathValue("sku"), nil)
	wreq.Header.Add("Authorization", token)
	stock, err := h.warehouse.Do(wreq)
	if err != nil {
		return
	}
	defer stock.Body.Close()
}

func (h *Handler) StockOnHost(w http.ResponseWriter, r *http.Request) {
	host, err := h.api.getToken(r.Context())
	if err != nil {
		return
	}
	wreq, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://warehouse/stock/"+r.PathValue("sku"), nil)
	wreq.Host = host
	stock, err := h.warehouse.Do(wreq)
	if err != nil {
		return
	}
	defer stock.Body.Close()
}

// The header holds a constant: the request does not depend on the token.
func (h *Handler) StockBesideToken(w http.ResponseWriter, r *http.Request) {
	token, err := h.api.getToken(r.Context())
	if err != nil {
		return
	}
	wreq, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://warehouse/stock/"+r.PathValue("sku"), nil)
	wreq.Header.Add("Accept", "application/json")
	stock, err := h.warehouse.Do(wreq) // want `h.warehouse.Do does not depend on h.api.getToken`
	if err != nil {
		return
	}
	defer stock.Body.Close()
	_ = token
}

// Near miss: a POST between two requests orders them.
func (h *Handler) Reserve(w http.ResponseWriter, r *http.Request) {
	sku := r.PathValue("sku")
	preq, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://pricing/quote?sku="+sku, nil)
	wreq, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://warehouse/stock/"+sku, nil)
	price, err := h.pricing.Do(preq)
	if err != nil {
		return
	}
	defer price.Body.Close()
	hold, err := h.warehouse.Post("http://warehouse/hold/"+sku, "text/plain", nil)
	if err != nil {
		return
	}
	defer hold.Body.Close()
	stock, err := h.warehouse.Do(wreq)
	if err != nil {
		return
	}
	defer stock.Body.Close()
}

// Two gRPC calls through the generated client interfaces.
func (h *Handler) Account(ctx context.Context, id string) (*pb.User, *pb.ListOrdersResponse, error) {
	u, err := h.users.GetUser(ctx, &pb.GetUserRequest{ID: id})
	if err != nil {
		return nil, nil, err
	}
	orders, err := h.orders.ListOrders(ctx, &pb.ListOrdersRequest{UserID: id}) // want `h.orders.ListOrders does not depend on h.users.GetUser \(line \d+\), and each is a remote request`
	if err != nil {
		return nil, nil, err
	}
	return u, orders, nil
}

// Near miss: one RPC twice with other arguments wants one batched
// request, not two at once.
func (h *Handler) Pair(ctx context.Context, a, b string) (*pb.User, *pb.User, error) {
	ua, err := h.users.GetUser(ctx, &pb.GetUserRequest{ID: a})
	if err != nil {
		return nil, nil, err
	}
	ub, err := h.users.GetUser(ctx, &pb.GetUserRequest{ID: b})
	if err != nil {
		return nil, nil, err
	}
	return ua, ub, nil
}

// Near miss: starting a stream is no unary call.
func (h *Handler) Follow(ctx context.Context, id string) (*pb.ListOrdersResponse, error) {
	stream, err := h.users.WatchUsers(ctx, &pb.GetUserRequest{ID: id})
	if err != nil {
		return nil, err
	}
	_ = stream
	return h.orders.ListOrders(ctx, &pb.ListOrdersRequest{UserID: id})
}

// A chain of three: a generated struct client, a helper that makes an
// HTTP request (known through its callee), and a gRPC interface.
func (h *Handler) Checkout(ctx context.Context, id, sku string) error {
	price, err := h.prices.GetPrice(ctx, &pb.GetPriceRequest{SKU: sku})
	if err != nil {
		return err
	}
	stock, err := h.api.getStock(ctx, sku)
	if err != nil {
		return err
	}
	u, err := h.users.GetUser(ctx, &pb.GetUserRequest{ID: id}) // want `h.users.GetUser does not depend on h.prices.GetPrice \(line \d+\) or h.api.getStock \(line \d+\), and each is a remote request; run them concurrently with errgroup to wait for the slowest one, not all 3`
	if err != nil {
		return err
	}
	_, _, _ = price, stock, u
	return nil
}

// A cheap read between two requests neither joins nor breaks them.
func (h *Handler) Summary(w http.ResponseWriter, r *http.Request) {
	sku := r.PathValue("sku")
	price, err := h.api.get(r.Context(), "/quote/"+sku)
	if err != nil {
		return
	}
	var name string
	if err := h.db.QueryRowContext(r.Context(), "SELECT name FROM products WHERE sku = $1", sku).Scan(&name); err != nil {
		return
	}
	stock, err := h.api.get(r.Context(), "/stock/"+sku) // want `h.api.get does not depend on h.api.get \(line \d+\), and each is a remote request`
	if err != nil {
		return
	}
	_, _ = price, stock
}

// Near miss: one helper twice for the same endpoint, another filter.
func (h *Handler) Stocks(w http.ResponseWriter, r *http.Request) {
	a, err := h.api.getStock(r.Context(), r.FormValue("a"))
	if err != nil {
		return
	}
	b, err := h.api.getStock(r.Context(), r.FormValue("b"))
	if err != nil {
		return
	}
	_, _ = a, b
}

type apiClient struct {
	base string
	hc   *http.Client
}

func (c *apiClient) get(ctx context.Context, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	return c.hc.Do(req)
}

func (c *apiClient) getStock(ctx context.Context, sku string) (int, error) {
	resp, err := c.get(ctx, "/stock/"+sku)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var n int
	err = json.NewDecoder(resp.Body).Decode(&n)
	return n, err
}

func (c *apiClient) getToken(ctx context.Context) (string, error) {
	resp, err := c.get(ctx, "/token")
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var t string
	err = json.NewDecoder(resp.Body).Decode(&t)
	return t, err
}
