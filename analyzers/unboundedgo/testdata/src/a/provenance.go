package a

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"strings"
)

// Where a collection comes from decides whether it is input. Each
// positive sits beside the near miss it resembles.

type api struct {
	peers []string
	inv   inventory
}

// A request body decoded in a handler is data; the handler's own state is
// the deployment.

func (a *api) batch(w http.ResponseWriter, r *http.Request) {
	var req struct{ IDs []string }
	_ = json.NewDecoder(r.Body).Decode(&req)
	for _, id := range req.IDs {
		go fetch(r.Context(), id) // want `one goroutine per element of req.IDs with no limit`
	}
	for _, p := range a.peers {
		go fetch(r.Context(), p) // the receiver's peers: configured
	}
}

// Rows of a query, scanned into a list, are data; a list an operator
// puts in the environment is not.

func notifyOwners(ctx context.Context, db *sql.DB) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM owners")
	if err != nil {
		return
	}
	var ids []string
	for rows.Next() {
		var id string
		_ = rows.Scan(&id)
		ids = append(ids, id)
	}
	for _, id := range ids {
		go fetch(ctx, id) // want `one goroutine per element of ids with no limit`
	}
}

func notifyFromEnv(ctx context.Context) {
	for _, id := range strings.Split(os.Getenv("OWNERS"), ",") {
		go fetch(ctx, id) // the operator's setting
	}
}

// A remote API's listing is data; the members of the cluster it reports
// are as many as the deployment has.

type machine struct{ NIC string }

type member struct{ Addr string }

type inventory interface {
	ListMachines(ctx context.Context) ([]machine, error)
	Members(ctx context.Context) ([]member, error)
	Describe(ctx context.Context, id string) error
}

func (a *api) refresh(ctx context.Context) {
	machines, err := a.inv.ListMachines(ctx)
	if err != nil {
		return
	}
	for _, m := range machines {
		go a.inv.Describe(ctx, m.NIC) // want `one goroutine per element of machines with no limit`
	}
	ms, err := a.inv.Members(ctx)
	if err != nil {
		return
	}
	for _, m := range ms {
		go a.inv.Describe(ctx, m.Addr) // one per member of the cluster
	}
}

// A response body decoded after a round trip is data; the same decode
// from a file the operator writes is not known to be.

func syncRemote(ctx context.Context, c *http.Client) {
	resp, err := c.Get("http://inventory.example/items")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	var items []string
	_ = json.NewDecoder(resp.Body).Decode(&items)
	for _, it := range items {
		go fetch(ctx, it) // want `one goroutine per element of items with no limit`
	}
}

func loadFromFile(ctx context.Context, f *os.File) {
	var list []string
	_ = json.NewDecoder(f).Decode(&list)
	for _, it := range list {
		go fetch(ctx, it)
	}
}

// Keys of a request grouped by hash slot are as many as the keys; grouped
// by the cluster node that owns them, as many as the nodes.

type clusterNode struct{ addr string }

func (n *clusterNode) send(ctx context.Context, keys []string) error { return fetch(ctx, keys[0]) }

func slotOf(key string) int { return len(key) % 16384 }

func (a *api) nodeFor(key string) *clusterNode { return nil }

func (a *api) mget(w http.ResponseWriter, r *http.Request) {
	keys := r.URL.Query()["key"]
	bySlot := make(map[int][]string)
	for _, k := range keys {
		bySlot[slotOf(k)] = append(bySlot[slotOf(k)], k)
	}
	for _, ks := range bySlot {
		go fetch(r.Context(), ks[0]) // want `one goroutine per element of bySlot with no limit`
	}
	byNode := make(map[*clusterNode][]string)
	for _, k := range keys {
		n := a.nodeFor(k)
		byNode[n] = append(byNode[n], k)
	}
	for n, ks := range byNode {
		go n.send(r.Context(), ks) // one per node
	}
}

// A parameter is data when a caller in the package passes data; an
// exported function's parameter with no such caller is as big as its
// unknown callers make it.

func (a *api) purge(w http.ResponseWriter, r *http.Request) {
	purgeAll(r.Context(), r.Form["id"])
}

func purgeAll(ctx context.Context, ids []string) {
	for _, id := range ids {
		go fetch(ctx, id) // want `one goroutine per element of ids with no limit`
	}
}

func FetchEach(ctx context.Context, ids []string) {
	for _, id := range ids {
		go fetch(ctx, id) // unknownCaller: no evidence of its size
	}
}

// A stream read until its end is data; a request's value that names
// servers is the deployment.

func (a *api) register(w http.ResponseWriter, r *http.Request) {
	var req struct{ Servers []string }
	_ = json.NewDecoder(r.Body).Decode(&req)
	for _, s := range req.Servers {
		go fetch(r.Context(), s) // as many as the servers there are
	}
}

// A list built with one entry per item of data is data, whatever the
// entries hold; built per configured peer, it is the deployment.

type logoutTask struct{ url string }

func (a *api) logout(w http.ResponseWriter, r *http.Request) {
	ms, err := a.inv.ListMachines(r.Context())
	if err != nil {
		return
	}
	var tasks []logoutTask
	for _, m := range ms {
		tasks = append(tasks, logoutTask{url: "http://" + m.NIC})
	}
	for _, t := range tasks {
		go fetch(context.Background(), t.url) // want `one goroutine per element of tasks with no limit`
	}
	var pings []logoutTask
	for _, p := range a.peers {
		pings = append(pings, logoutTask{url: p})
	}
	for _, t := range pings {
		go fetch(context.Background(), t.url) // one per configured peer
	}
}

// A helper of the package that lists through a client returns data; one
// that builds its list in memory from its arguments does not.

func (a *api) listAll(ctx context.Context) ([]machine, error) {
	return a.inv.ListMachines(ctx)
}

func (a *api) defaults(ctx context.Context) ([]machine, error) {
	return []machine{{NIC: "eth0"}}, nil
}

func (a *api) describeAll(ctx context.Context) {
	listed, _ := a.listAll(ctx)
	for _, m := range listed {
		go a.inv.Describe(ctx, m.NIC) // want `one goroutine per element of listed with no limit`
	}
	builtin, _ := a.defaults(ctx)
	for _, m := range builtin {
		go a.inv.Describe(ctx, m.NIC)
	}
}
