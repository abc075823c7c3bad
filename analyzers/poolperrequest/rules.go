package poolperrequest

import "github.com/conclint/conclint/internal/rule"

// The rule IDs poolperrequest reports under (Diagnostic.Category).
const (
	ruleRequest = "poolperrequest/request"
	ruleLoop    = "poolperrequest/loop"
	ruleCall    = "poolperrequest/call"
)

// Rules documents poolperrequest's rules; it is their one source (README,
// docs/rules.md, -explain and SARIF are generated from it).
func Rules() []rule.Rule {
	return []rule.Rule{{
		ID:    ruleRequest,
		Title: "a connection pool built in a request handler that does not outlive the request",
		Why:   "Every request dials new TCP and TLS connections, and unless closed the pool's idle connections and their goroutines leak.",
		Bad: `func (s *Server) Proxy(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}
	resp, err := client.Get(upstream)
}`,
		Good: `var client = &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}

func (s *Server) Proxy(w http.ResponseWriter, r *http.Request) {
	resp, err := client.Get(upstream)
}`,
		NotReported: []string{"a pool that escapes the handler (stored, returned, handed to a goroutine)"},
		Options:     []string{"constructors"},
		Since:       rule.FirstRelease,
	}, {
		ID:    ruleLoop,
		Title: "a connection pool built in every loop iteration, or in a loop and never closed",
		Why:   "Each iteration dials anew; a pool never closed leaks each iteration's idle connections.",
		Bad: `for _, dsn := range dsns {
	db, err := sql.Open("postgres", dsn)
	check(db)
}`,
		Good: `for _, dsn := range dsns {
	db, err := sql.Open("postgres", dsn)
	check(db)
	db.Close()
}`,
		NotReported: []string{"a pool per target closed before the iteration ends, or kept beyond it", "a loop that sleeps ten minutes or more per pass (a re-join every hour)"},
		Options:     []string{"constructors"},
		Since:       rule.FirstRelease,
	}, {
		ID:    ruleCall,
		Title: "a connection pool a function builds, uses and drops: one per call",
		Why:   "Whoever calls the function dials anew each time; an http.Transport is never meant to live for one call, another pool leaks unless closed.",
		Bad: `func fetch(url string) (*http.Response, error) {
	c := &http.Client{Transport: &http.Transport{}}
	return c.Get(url)
}`,
		Good: `var client = &http.Client{Transport: &http.Transport{}}

func fetch(url string) (*http.Response, error) { return client.Get(url) }`,
		NotReported: []string{
			"a pool other than an http.Transport closed before the function returns (a one-off task)",
			"functions of package main and init",
			"an http.Transport that dials through a function literal of its own (in memory)",
		},
		Options: []string{"constructors"},
		OptIn:   "call",
		Since:   rule.FirstRelease,
	}}
}
