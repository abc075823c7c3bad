package main_test

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// exampleFindings are fragments of what each analyzer reports on examples/.
var exampleFindings = map[string][]string{
	"droppedctx": {
		"goroutine uses the request context r.Context()",
		"store.insert drops the caller's context",
		"context.Background discards the context in scope (ctx)",
	},
	"handlerblock": {
		"a send on inv.restock blocks without watching the context in scope",
	},
	"lockio": {
		"inv.mu is held across warehouse.Do, a network round trip",
	},
	"unboundedgo": {
		"one goroutine per element of ids with no limit",
	},
	"poolperrequest": {
		"http.Transport (Clone) built per request",
	},
	"notimeout": {
		"http.Client in warehouse has no Timeout",
		"has no ReadHeaderTimeout or ReadTimeout, so a client that sends its headers slowly",
	},
	"seqio": {
		"warehouse.Do does not depend on s.pricing.http.Do (line 31), and each is a remote request",
	},
}

func TestExamplesJSON(t *testing.T) {
	r := examplesJSON()
	if r.code != 0 {
		t.Fatalf("conclint -json: exit %d: %s", r.code, r.stderr)
	}
	out := []byte(r.stdout)
	// {"pkg": {"analyzer": [{"posn": …, "message": …}]}}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(out, &tree); err != nil {
		t.Fatalf("parsing -json output: %v\n%s", err, out)
	}
	got := make(map[string][]string)
	for _, byAnalyzer := range tree {
		for name, raw := range byAnalyzer {
			var diags []struct{ Message string }
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Fatalf("%s: %s", name, raw) // an {"error": …} object
			}
			for _, d := range diags {
				got[name] = append(got[name], d.Message)
			}
		}
	}
	for name, wants := range exampleFindings {
		for _, want := range wants {
			if !containsFragment(got[name], want) {
				t.Errorf("%s: no finding containing %q in %q", name, want, got[name])
			}
		}
	}
}

func TestExamplesVettool(t *testing.T) {
	cmd := exec.Command("go", "vet", "-vettool="+bin, "-lockio.io", "-seqio.chain", "./examples/...")
	cmd.Dir = "../.."
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 1 {
		t.Fatalf("go vet -vettool: want exit 1 with findings, got %v\n%s", err, out)
	}
	for name, wants := range exampleFindings {
		for _, want := range wants {
			if !strings.Contains(string(out), want) {
				t.Errorf("%s: go vet output lacks %q:\n%s", name, want, out)
			}
		}
	}
}

func containsFragment(msgs []string, fragment string) bool {
	for _, m := range msgs {
		if strings.Contains(m, fragment) {
			return true
		}
	}
	return false
}
