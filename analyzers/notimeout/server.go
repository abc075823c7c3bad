package notimeout

import (
	"fmt"
	"go/ast"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/netaddr"
)

// checkServer applies rule b to an http.Server built by lit (or new, when
// lit is nil): it serves, and nothing in the package sets its timeouts.
func (c *checker) checkServer(n ast.Expr, lit *ast.CompositeLit) {
	g := c.holders.of(c.groups, n)
	if !g.serves.IsValid() || g.escapes {
		return
	}
	set := make(map[string]bool)
	for name := range g.sets {
		set[name] = true
	}
	if lit != nil {
		for name, value := range literalKeys(lit) {
			set[name] = true
			if name == "Addr" && c.loopbackIn(lit, value) {
				return
			}
		}
	}
	var missing, consequences, advice []string
	readMissing := !set["ReadHeaderTimeout"] && !set["ReadTimeout"]
	if readMissing {
		missing = append(missing, "ReadHeaderTimeout or ReadTimeout")
		consequences = append(consequences, "a client that sends its headers slowly holds its connection forever (slowloris)")
		advice = append(advice, "ReadHeaderTimeout")
	}
	if c.opts.Strict && !set["WriteTimeout"] {
		missing = append(missing, "WriteTimeout")
		consequences = append(consequences, "a client that reads slowly holds its connection and handler forever")
		advice = append(advice, "WriteTimeout")
	}
	if c.opts.Strict && !set["IdleTimeout"] && !set["ReadTimeout"] { // IdleTimeout falls back to ReadTimeout
		missing = append(missing, "IdleTimeout")
		consequences = append(consequences, "idle keep-alive connections stay open forever")
		advice = append(advice, "IdleTimeout")
	}
	if len(missing) == 0 {
		return
	}
	d := analysis.Diagnostic{
		Pos: n.Pos(), End: n.End(), Category: ruleServer,
		Message: fmt.Sprintf("http.Server serving at %s has no %s, so %s; set %s",
			analysisutil.Position(c.pass.Fset, g.serves), and(missing), and(consequences), and(advice)),
	}
	if lit != nil {
		d.End = lit.Lbrace + 1
		if readMissing {
			if fix, ok := c.insertTimeout(lit); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
	}
	c.reporter.Report(d)
}

// literalKeys returns the fields a keyed composite literal sets.
func literalKeys(lit *ast.CompositeLit) map[string]ast.Expr {
	keys := make(map[string]ast.Expr)
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				keys[id.Name] = kv.Value
			}
		}
	}
	return keys
}

// and joins items as "a", "a and b" or "a, b and c".
func and(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// loopbackIn is netaddr.Loopback for the Addr field of the server literal lit.
func (c *checker) loopbackIn(lit *ast.CompositeLit, addr ast.Expr) bool {
	if netaddr.IsLoopback(c.pass.TypesInfo, addr) {
		return true // no need to find the literal's function
	}
	cur, ok := c.inspector.Root().FindNode(lit)
	return ok && netaddr.Loopback(c.pass.TypesInfo, cur, addr)
}
