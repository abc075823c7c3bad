package directive

import "golang.org/x/tools/go/analysis"

// Grouped gathers diagnostics that report one defect at several places (a
// callee that drops the context, called five times; eight sleeps of one
// cleanup function): one fix mends them all, and one report per place
// would restate it. Report reports each group once, at its first place
// that no directive suppresses, with the others as related information.
type Grouped[K comparable] struct {
	order []K
	diags map[K][]analysis.Diagnostic
}

// Add files d under key, in the order of the analyzer's walk.
func (g *Grouped[K]) Add(key K, d analysis.Diagnostic) {
	if g.diags == nil {
		g.diags = make(map[K][]analysis.Diagnostic)
	}
	if _, ok := g.diags[key]; !ok {
		g.order = append(g.order, key)
	}
	g.diags[key] = append(g.diags[key], d)
}

// Report reports each group through r; related names each other place.
func (g *Grouped[K]) Report(r *Reporter, related string) {
	for _, key := range g.order {
		var kept []analysis.Diagnostic
		for _, d := range g.diags[key] {
			if !r.Suppressed(d) {
				kept = append(kept, d)
			}
		}
		if len(kept) == 0 {
			continue
		}
		first := kept[0]
		for _, d := range kept[1:] {
			first.Related = append(first.Related, analysis.RelatedInformation{Pos: d.Pos, End: d.End, Message: related})
		}
		r.Report(first)
	}
}
