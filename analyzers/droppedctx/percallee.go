package droppedctx

import (
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/directive"
)

// perCallee gathers rule c's diagnostics by callee: a function that drops
// its caller's context is one defect however often the package calls it,
// and its fix (a context parameter) changes every call at once. So each
// callee is reported once, at its first call that no directive suppresses,
// with its other calls as related information.
type perCallee struct {
	order []*types.Func
	diags map[*types.Func][]analysis.Diagnostic
}

func (p *perCallee) add(fn *types.Func, d analysis.Diagnostic) {
	if p.diags == nil {
		p.diags = make(map[*types.Func][]analysis.Diagnostic)
	}
	if _, ok := p.diags[fn]; !ok {
		p.order = append(p.order, fn)
	}
	p.diags[fn] = append(p.diags[fn], d)
}

func (p *perCallee) report(r *directive.Reporter) {
	for _, fn := range p.order {
		var kept []analysis.Diagnostic
		for _, d := range p.diags[fn] {
			if !r.Suppressed(d) {
				kept = append(kept, d)
			}
		}
		if len(kept) == 0 {
			continue
		}
		first := kept[0]
		for _, d := range kept[1:] {
			first.Related = append(first.Related, analysis.RelatedInformation{
				Pos: d.Pos, End: d.End, Message: "another call of " + fn.Name() + " where the context is dropped",
			})
		}
		r.Report(first)
	}
}
