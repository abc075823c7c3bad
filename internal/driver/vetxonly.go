package driver

import (
	"encoding/json"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// ForFactsOnly returns the suite to run when the go command calls conclint
// as its vet tool (args end in a vet.cfg) on a dependency of the packages
// being vetted (VetxOnly): only facts are kept from that run, so an
// analyzer that exports none has nothing to do. unitchecker runs such an
// analyzer anyway when it requires one with facts, so it is replaced by a
// stand-in with the same name and flags (go vet passes every flag on)
// that only requires the analyzers with facts. changed reports whether
// it is such a dependency. internal/cmd/vetprofile runs the same suite.
// An analyzer without facts that requires one with facts only through
// another without (seqio through buildssa, to ctrlflow) keeps only the
// one with facts.
func ForFactsOnly(suite []*analysis.Analyzer, args []string) (out []*analysis.Analyzer, changed bool) {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") || !vetxOnly(args[len(args)-1]) {
		return suite, false
	}
	out = make([]*analysis.Analyzer, len(suite))
	for i, a := range suite {
		out[i] = factsOnly(a)
	}
	return out, true
}

// vetxOnly reports whether the go command asks only for facts.
func vetxOnly(cfgFile string) bool {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return false // unitchecker reports it
	}
	var cfg struct{ VetxOnly bool }
	return json.Unmarshal(data, &cfg) == nil && cfg.VetxOnly
}

// factsOnly returns a, or when a exports no facts, a stand-in that does
// nothing and requires only the analyzers with facts that a reaches.
// Requirements without facts are looked through, not run: buildssa
// (which seqio requires) has none, but requires ctrlflow, which has, and
// keeping buildssa would build SSA for every dependency.
func factsOnly(a *analysis.Analyzer) *analysis.Analyzer {
	if len(a.FactTypes) > 0 {
		return a
	}
	stub := &analysis.Analyzer{
		Name:  a.Name,
		Doc:   a.Doc,
		URL:   a.URL,
		Flags: a.Flags,
		Run:   func(*analysis.Pass) (any, error) { return nil, nil },
	}
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(reqs []*analysis.Analyzer)
	visit = func(reqs []*analysis.Analyzer) {
		for _, req := range reqs {
			if seen[req] {
				continue
			}
			seen[req] = true
			if len(req.FactTypes) > 0 {
				stub.Requires = append(stub.Requires, req)
			} else {
				visit(req.Requires)
			}
		}
	}
	visit(a.Requires)
	return stub
}

// UsesFacts reports whether a or an analyzer it requires has facts: the
// analyzers unitchecker runs on a dependency.
func UsesFacts(a *analysis.Analyzer) bool {
	if len(a.FactTypes) > 0 {
		return true
	}
	for _, req := range a.Requires {
		if UsesFacts(req) {
			return true
		}
	}
	return false
}
