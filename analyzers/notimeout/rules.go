package notimeout

import "github.com/conclint/conclint/internal/rule"

// The rule IDs notimeout reports under (Diagnostic.Category).
const (
	ruleServe  = "notimeout/serve"
	ruleServer = "notimeout/server"
	ruleClient = "notimeout/client"
)

// Rules documents notimeout's rules; it is their one source (README,
// docs/rules.md, -explain and SARIF are generated from it).
func Rules() []rule.Rule {
	return []rule.Rule{{
		ID:    ruleServe,
		Title: "http.ListenAndServe, ListenAndServeTLS, Serve or ServeTLS, which cannot set timeouts",
		Why:   "A client that sends slowly holds its connection forever (slowloris); enough of them exhaust file descriptors and goroutines.",
		Bad:   `http.ListenAndServe(":8080", mux)`,
		Good: `srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
srv.ListenAndServe()`,
		NotReported: []string{
			"loopback addresses, addresses whose host defaults to loopback when unset, and listeners on a Unix socket or loopback address (pprof, debug servers)",
			"demo programs and developers' tools (package main under examples, demo, dev, hack or scripts), and net/http itself",
		},
		Since: rule.FirstRelease,
	}, {
		ID:    ruleServer,
		Title: "an http.Server that serves with neither ReadHeaderTimeout nor ReadTimeout set",
		Why:   "A client that sends slowly holds its connection forever (slowloris). With -notimeout.strict, WriteTimeout and IdleTimeout are required too.",
		Bad:   `srv := &http.Server{Addr: ":8080", Handler: mux}`,
		Good:  `srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}`,
		NotReported: []string{
			"a server on a loopback address, or on one whose host the function defaults to loopback when unset",
			"a server whose timeouts are set by an assignment anywhere in the package",
			"a server that never serves in the package",
		},
		Options: []string{"strict", "readheadertimeout"},
		Since:   rule.FirstRelease,
	}, {
		ID:    ruleClient,
		Title: "an http.Client without Timeout, or http.DefaultClient, that sends a request with no deadline",
		Why:   "A send without a deadline hangs as long as the peer does, and with it the request that called it.",
		Bad: `var client = &http.Client{}

func fetch(url string) (*http.Response, error) { return client.Get(url) }`,
		Good: `var client = &http.Client{Timeout: 10 * time.Second}

func fetch(url string) (*http.Response, error) { return client.Get(url) }`,
		NotReported: []string{
			"sends whose context comes from context.WithTimeout or WithDeadline, in the sending function or every caller",
			"sends with the context.Context parameter of an exported function the package never calls: its callers choose the deadline",
			"clients whose sends are bounded only by the served request's context, with -notimeout.requestbound=false",
			"demo programs and developers' tools",
		},
		Options: []string{"requestbound"},
		Since:   rule.FirstRelease,
	}}
}
