package lockio

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/directive"
)

//go:embed doc.go
var doc string

// Analyzer reports mutexes held across blocking work or locked twice.
var Analyzer = &analysis.Analyzer{
	Name:     "lockio",
	Doc:      analysisutil.MustExtractDoc(doc, "lockio"),
	URL:      "https://github.com/conclint/conclint#lockio",
	Requires: []*analysis.Analyzer{inspect.Analyzer, blocking.Analyzer},
	Run:      run,
}

var checkTests bool

func init() {
	Analyzer.Flags.BoolVar(&checkTests, "tests", false, "also check _test.go files")
}

func run(pass *analysis.Pass) (any, error) {
	if !analysisutil.Imports(pass.Pkg, "sync") {
		return nil, nil // no mutex to hold (blocking still computed the facts)
	}
	bl := pass.ResultOf[blocking.Analyzer].(*blocking.Info)
	reporter := directive.NewReporter(pass, checkTests)
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for fcur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body := analysisutil.FuncBody(fcur.Node())
		if body == nil || reporter.Skip(body.Pos()) || !locksSomething(pass, bl, fcur) {
			continue
		}
		sites := bl.Sites(fcur)
		sort.Slice(sites, func(i, j int) bool { return sites[i].Cursor.Node().Pos() < sites[j].Cursor.Node().Pos() })
		w := &walker{pass: pass, bl: bl, reporter: reporter, fcur: fcur, sites: sites, unsure: unlockedInClosures(bl, fcur)}
		w.block(body.List, held{})
	}
	return nil, nil
}

// locksSomething reports whether the function's own body locks a mutex,
// the cheap test before walking it.
func locksSomething(pass *analysis.Pass, bl *blocking.Info, fcur inspector.Cursor) bool {
	found := false
	fcur.Inspect([]ast.Node{(*ast.FuncLit)(nil), (*ast.CallExpr)(nil)}, func(cur inspector.Cursor) bool {
		if _, ok := cur.Node().(*ast.FuncLit); ok {
			return cur == fcur && !found
		}
		if op, ok := bl.LockCall(cur.Node().(*ast.CallExpr)); ok && op.Acquire {
			found = true
		}
		return !found
	})
	return found
}

// unlockedInClosures returns the locks released inside function literals
// of the function: calling such a literal may release them, so the walk
// cannot tell whether they are still held.
func unlockedInClosures(bl *blocking.Info, fcur inspector.Cursor) map[blocking.LockKey]bool {
	keys := make(map[blocking.LockKey]bool)
	for lit := range fcur.Preorder((*ast.FuncLit)(nil)) {
		if lit == fcur {
			continue
		}
		if _, deferred := lit.Parent().Parent().Node().(*ast.DeferStmt); deferred {
			continue // runs at the end, as a deferred Unlock does
		}
		for call := range lit.Preorder((*ast.CallExpr)(nil)) {
			if op, ok := bl.LockCall(call.Node().(*ast.CallExpr)); ok && !op.Acquire {
				keys[op.Lock.Key] = true
			}
		}
	}
	return keys
}

func (w *walker) reportBlocking(site blocking.Site, h heldLock, cause *blocking.Cause) {
	n := site.Cursor.Node()
	d := analysis.Diagnostic{Pos: n.Pos(), End: n.End()}
	switch site.Kind {
	case blocking.NetworkIO:
		d.Message = fmt.Sprintf("%s is held across %s; every caller waits for this request, so unlock before the call", h.name, site.What)
	case blocking.Call:
		d.Message = fmt.Sprintf("%s is held across %s, which blocks on %s; every caller waits for it, so unlock before the call",
			h.name, site.What, cause)
	case blocking.Sleep:
		d.Message = fmt.Sprintf("%s is held across %s; every caller waits out the sleep, so unlock before sleeping", h.name, site.What)
	case blocking.GroupWait:
		d.Message = fmt.Sprintf("%s is held across %s; every caller waits for those goroutines, which deadlock if they need the lock, so unlock before waiting", h.name, site.What)
	case blocking.Send, blocking.Recv:
		d.Message = fmt.Sprintf("%s is held across %s; every caller waits until the other side is ready, so unlock first or use a select with default", h.name, site.What)
	case blocking.Select:
		d.End = n.(*ast.SelectStmt).Select + token.Pos(len("select"))
		d.Message = fmt.Sprintf("%s is held across %s; every caller waits until a case is ready, so unlock first or add a default case", h.name, site.What)
	case blocking.SelectForever:
		d.Message = fmt.Sprintf("%s is held across select {}, which never returns; unlock first", h.name)
	default:
		return
	}
	d.Related = []analysis.RelatedInformation{{Pos: h.pos, Message: h.name + " is locked here"}}
	w.reporter.Report(d)
}

func (w *walker) reportRelock(at ast.Node, h heldLock, by string) {
	w.reporter.Report(analysis.Diagnostic{
		Pos: at.Pos(), End: at.End(),
		Message: fmt.Sprintf("%s is locked again%s while already held, a self-deadlock since sync mutexes are not reentrant; unlock first or call a variant that expects the lock held",
			h.name, by),
		Related: []analysis.RelatedInformation{{Pos: h.pos, Message: h.name + " is locked here"}},
	})
}
