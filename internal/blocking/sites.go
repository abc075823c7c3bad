package blocking

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
)

// Kind is what a Site does.
type Kind int

const (
	Sleep         Kind = iota + 1 // time.Sleep, or a receive from a timer outside a select
	CondWait                      // sync.Cond.Wait
	GroupWait                     // WaitGroup.Wait, errgroup.Group.Wait
	Send                          // a channel send outside a select
	Recv                          // a channel receive outside a select
	Select                        // a select with cases
	SelectForever                 // select {}
	NetworkIO                     // a network or database call from the I/O catalogue
	Process                       // a call that waits for a child process
	Call                          // a call of another function, blocking or not: see its Fact
)

// Site is an operation in a function's own body (nested function literals,
// go and defer statements excluded) that blocks, or a call that may.
type Site struct {
	Cursor inspector.Cursor
	Kind   Kind
	What   string      // "time.Sleep", "c.client.Do", "a send on s.events", "a select on s.a, s.b"
	Callee *types.Func // for calls
	// For Send, Recv and Select:
	Local    bool // every channel was made (make) in this function or one enclosing it
	AnyLocal bool // Select: some case is on a channel made here (its own goroutine's result)
	Default  bool // the select has a default case
	Escape   bool // the select has a ctx.Done() (any Done()) or timer case
	Fed      bool // Select: every case receives from a channel a call given a context returned
	Drained  bool // Send: on a parameter every caller drains on every exit (see drainedParam)
}

// Sites returns the sites of the function (an *ast.FuncDecl or
// *ast.FuncLit) at fcur, in source order.
func (in *Info) Sites(fcur inspector.Cursor) []Site {
	var sites []Site
	local := in.localChans(fcur)
	inSelect := make(map[ast.Node]bool) // comm operations, which their select represents
	types := []ast.Node{(*ast.FuncLit)(nil), (*ast.GoStmt)(nil), (*ast.DeferStmt)(nil), (*ast.CallExpr)(nil),
		(*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.SelectStmt)(nil)}
	fcur.Inspect(types, func(cur inspector.Cursor) bool {
		switch n := cur.Node().(type) {
		case *ast.FuncLit:
			return cur == fcur
		case *ast.GoStmt, *ast.DeferStmt:
			return false
		case *ast.CallExpr:
			if s, ok := in.callSite(cur, n); ok {
				sites = append(sites, s)
			}
		case *ast.SendStmt:
			if !inSelect[n] {
				origin := in.chanOrigin(n.Chan, local)
				s := Site{Cursor: cur, Kind: Send, What: "a send on " + analysisutil.ShortExprString(in.pass.Fset, n.Chan),
					Local: origin == made || origin == paired || in.IsBuffered(n.Chan)}
				s.Drained = !s.Local && in.drainedParam(n.Chan)
				sites = append(sites, s)
			}
		case *ast.UnaryExpr:
			if n.Op != token.ARROW || inSelect[n] {
				return true
			}
			switch origin := in.chanOrigin(n.X, local); origin {
			case done:
			case timer:
				sites = append(sites, Site{Cursor: cur, Kind: Sleep, What: "a receive from " + analysisutil.ShortExprString(in.pass.Fset, n.X)})
			case 0:
				if in.onlyClosed(n.X) || in.onlyResults(n.X) { // a join or a latch, as WaitGroup.Wait
					sites = append(sites, Site{Cursor: cur, Kind: GroupWait, What: "a receive from " + analysisutil.ShortExprString(in.pass.Fset, n.X)})
					break
				}
				fallthrough
			default:
				sites = append(sites, Site{Cursor: cur, Kind: Recv, What: "a receive from " + analysisutil.ShortExprString(in.pass.Fset, n.X), Local: origin == made || origin == paired})
			}
		case *ast.SelectStmt:
			sites = append(sites, in.selectSite(cur, n, local, inSelect))
		}
		return true
	})
	return sites
}

func (in *Info) callSite(cur inspector.Cursor, call *ast.CallExpr) (Site, bool) {
	fn := analysisutil.Callee(in.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil {
		return Site{}, false
	}
	s := Site{Cursor: cur, What: analysisutil.ShortExprString(in.pass.Fset, call.Fun), Callee: fn}
	switch catalog.WaitOf(fn) {
	case catalog.Sleep:
		s.Kind = Sleep
	case catalog.CondWait:
		s.Kind = CondWait
	case catalog.GroupWait:
		s.Kind = GroupWait
	case catalog.Limit:
		return Site{}, false // a concurrency limit is the point, not a wait to report
	default:
		switch {
		case catalog.IsNetworkIO(fn):
			s.Kind = NetworkIO
		case catalog.IsChildProcess(fn):
			s.Kind = Process
		default:
			s.Kind = Call
		}
	}
	return s, true
}

func (in *Info) selectSite(cur inspector.Cursor, sel *ast.SelectStmt, local *chanVars, inSelect map[ast.Node]bool) Site {
	s := Site{Cursor: cur, Kind: Select, Local: true, Fed: true}
	if len(sel.Body.List) == 0 {
		s.Kind, s.What, s.Local = SelectForever, "select {}", false
		return s
	}
	var chans []string
	for _, stmt := range sel.Body.List {
		clause := stmt.(*ast.CommClause)
		var ch ast.Expr
		switch c := clause.Comm.(type) {
		case nil:
			s.Default = true
			continue
		case *ast.SendStmt:
			inSelect[c] = true
			ch = c.Chan
		case *ast.ExprStmt:
			ch = in.markRecv(c.X, inSelect)
		case *ast.AssignStmt:
			if len(c.Rhs) == 1 {
				ch = in.markRecv(c.Rhs[0], inSelect)
			}
		}
		if ch == nil {
			s.Fed = false
			continue
		}
		origin := in.chanOrigin(ch, local)
		_, send := clause.Comm.(*ast.SendStmt)
		s.Fed = s.Fed && origin == fed && !send
		switch origin {
		case done, timer:
			s.Escape = true
		default:
			own := origin == made || origin == paired
			s.Local = s.Local && own
			s.AnyLocal = s.AnyLocal || own
			if name := analysisutil.ShortExprString(in.pass.Fset, ch); !slices.Contains(chans, name) {
				chans = append(chans, name)
			}
		}
	}
	s.What = "a select on " + strings.Join(chans, ", ")
	if len(chans) == 0 {
		s.What = "a select"
	}
	return s
}

// markRecv marks the receive e as represented by its select and returns
// its channel.
func (in *Info) markRecv(e ast.Expr, inSelect map[ast.Node]bool) ast.Expr {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil
	}
	inSelect[u] = true
	return u.X
}
