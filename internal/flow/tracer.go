package flow

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// Verdict is what a rule says becomes of a value at one step.
type Verdict int

const (
	Stays   Verdict = iota // the value goes no further this way
	Escapes                // the value may outlive the region here
	Follows                // the value goes on: the tracer follows it
)

// A Tracer follows one value: up from the expression that yields it, site
// by site, into the variables it is assigned to and on from each of their
// uses, until the rule says it escapes or every way ends. A Tracer is for
// one value; make a new one for the next.
type Tracer struct {
	Info *types.Info
	// Region is where the uses of followed variables are looked for; a
	// zero Region means the innermost function around each assignment.
	Region inspector.Cursor
	// Step says what becomes of the value at s. Follows goes on from
	// s.Cur as the value; at an Assigned or Overwritten site, on to
	// Store for each target; at a Goroutine site, on from the use there.
	Step func(s Site) Verdict
	// Store says what becomes of the value assigned to t. Follows goes on
	// to the uses of t.Var, or of t.Holder when Var is nil.
	Store func(t Target) Verdict

	seen map[*types.Var]bool
}

// Escapes reports whether the value of the expression at cur escapes.
func (t *Tracer) Escapes(cur inspector.Cursor) bool {
	if t.seen == nil {
		t.seen = make(map[*types.Var]bool)
	}
	return t.value(cur)
}

// Following reports whether v's uses are followed already.
func (t *Tracer) Following(v *types.Var) bool {
	return t.seen[v]
}

func (t *Tracer) value(cur inspector.Cursor) bool {
	for {
		s := SiteOf(t.Info, cur)
		switch t.Step(s) {
		case Escapes:
			return true
		case Stays:
			return false
		}
		if s.Kind == Assigned || s.Kind == Overwritten {
			return t.assigned(s)
		}
		cur = s.Cur
	}
}

func (t *Tracer) assigned(s Site) bool {
	region := t.Region
	if !region.Valid() {
		region = analysisutil.EnclosingFunc(s.Cur)
	}
	for _, target := range Targets(t.Info, s) {
		switch t.Store(target) {
		case Escapes:
			return true
		case Follows:
			v := target.Var
			if v == nil {
				v = target.Holder
			}
			if v != nil && t.variable(v, region) {
				return true
			}
		}
	}
	return false
}

// variable follows the uses of v in region.
func (t *Tracer) variable(v *types.Var, region inspector.Cursor) bool {
	if t.seen[v] || !region.Valid() {
		return false
	}
	t.seen[v] = true
	if ret, ok := bareReturn(t.Info, region, v); ok && t.Step(ret) == Escapes {
		return true
	}
	for use := range region.Preorder((*ast.Ident)(nil)) {
		if t.Info.Uses[use.Node().(*ast.Ident)] != v {
			continue
		}
		if g, ok := goStmtWithin(use, region); ok {
			switch t.Step(Site{Kind: Goroutine, Value: use, Cur: g, Index: -1}) {
			case Escapes:
				return true
			case Stays:
				continue
			}
		}
		if t.value(use) {
			return true
		}
	}
	return false
}

// goStmtWithin returns the innermost go statement around cur that lies
// strictly inside region.
func goStmtWithin(cur, region inspector.Cursor) (inspector.Cursor, bool) {
	for g := range cur.Enclosing((*ast.GoStmt)(nil)) {
		return g, region.Contains(g) && g != region
	}
	return inspector.Cursor{}, false
}

// bareReturn returns, when v is a named result of the function at region
// and a bare return of that function returns it, that return as a
// Returned site whose Value is v's declaring identifier.
func bareReturn(info *types.Info, region inspector.Cursor, v *types.Var) (Site, bool) {
	ftype := analysisutil.FuncType(region.Node())
	if ftype == nil || ftype.Results == nil {
		return Site{}, false
	}
	index, found := 0, false
	for _, field := range ftype.Results.List {
		for _, name := range field.Names {
			if info.Defs[name] == v {
				found = true
				break
			}
			index++
		}
		if found {
			break
		}
	}
	if !found {
		return Site{}, false
	}
	decl, ok := analysisutil.DeclIdent(region, v)
	if !ok {
		return Site{}, false
	}
	for ret := range region.Preorder((*ast.ReturnStmt)(nil)) {
		if len(ret.Node().(*ast.ReturnStmt).Results) == 0 && analysisutil.EnclosingFunc(ret) == region {
			return Site{Kind: Returned, Value: decl, Cur: ret, Index: index}, true
		}
	}
	return Site{}, false
}
