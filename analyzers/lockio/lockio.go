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
	"github.com/conclint/conclint/internal/locks"
)

//go:embed doc.go
var doc string

// Options configures one lockio analyzer. Each field is a flag of the
// analyzer (-lockio.io), a golangci-lint setting and a config file key of
// the same name; New declares them.
type Options struct {
	Tests bool // check test files too
	IO    bool // report network round trips under a lock (lockio/io)
	Send  bool // report sends on handed-out channels under a lock (lockio/send)
}

// DefaultOptions returns the options Analyzer runs with.
func DefaultOptions() Options { return Options{} }

// Analyzer reports mutexes held across blocking work or locked twice, at
// the default options.
var Analyzer = New(DefaultOptions())

// New returns a lockio analyzer that runs with opts. Its flags set this
// analyzer's own copy of the options, which its runs read.
func New(opts Options) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "lockio",
		Doc:      analysisutil.MustExtractDoc(doc, "lockio"),
		URL:      "https://github.com/conclint/conclint#lockio",
		Requires: []*analysis.Analyzer{inspect.Analyzer, blocking.Model},
		Run:      func(pass *analysis.Pass) (any, error) { return run(pass, opts) },
	}
	a.Flags.BoolVar(&opts.Tests, "tests", opts.Tests, directive.TestsUsage)
	a.Flags.BoolVar(&opts.IO, "io", opts.IO, "also report network round trips under a lock (opt-in: on code the rules were not tuned on, most were start-up, by-design or unreachable paths)")
	a.Flags.BoolVar(&opts.Send, "send", opts.Send, "also report sends under a lock on channels handed out to callers (opt-in: most such channels are sized for their sends)")
	return a
}

func run(pass *analysis.Pass, opts Options) (any, error) {
	if !analysisutil.Imports(pass.Pkg, "sync") {
		return nil, nil // no mutex to hold (blocking still computed the facts)
	}
	bl := pass.ResultOf[blocking.Model].(*blocking.Info)
	reporter := directive.NewReporter(pass, opts.Tests)
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	shared := &perPackage{insp: insp}
	for fcur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body := analysisutil.FuncBody(fcur.Node())
		if body == nil || reporter.Skip(body.Pos()) || !locksSomething(pass, bl, fcur) {
			continue
		}
		sites := bl.Sites(fcur)
		sort.Slice(sites, func(i, j int) bool { return sites[i].Cursor.Node().Pos() < sites[j].Cursor.Node().Pos() })
		w := &walker{opts: opts, pass: pass, bl: bl, reporter: reporter, shared: shared, fcur: fcur, sites: sites, unsure: unlockedInClosures(bl, fcur)}
		w.block(body.List, held{})
	}
	return nil, nil
}

// perPackage holds what the walks of one package share, built on first use.
type perPackage struct {
	insp  *inspector.Inspector
	sides *otherSides
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

// unlockedInClosures returns the locks that function literals of the
// function release without locking them first: calling such a literal
// (unlock := func() { mu.Unlock() }) may release a lock the function
// holds, so the walk cannot tell whether it is still held. A literal that
// locks and unlocks for itself changes nothing.
func unlockedInClosures(bl *blocking.Info, fcur inspector.Cursor) map[locks.Key]bool {
	keys := make(map[locks.Key]bool)
	for lit := range fcur.Preorder((*ast.FuncLit)(nil)) {
		if lit == fcur {
			continue
		}
		if _, deferred := lit.Parent().Parent().Node().(*ast.DeferStmt); deferred {
			continue // runs at the end, as a deferred Unlock does
		}
		locked := make(map[locks.Key]bool)
		for call := range lit.Preorder((*ast.CallExpr)(nil)) {
			op, ok := bl.LockCall(call.Node().(*ast.CallExpr))
			switch {
			case !ok:
			case op.Acquire:
				locked[op.Lock.Key] = true
			case !locked[op.Lock.Key]:
				keys[op.Lock.Key] = true
			}
		}
	}
	return keys
}

func (w *walker) reportIO(site blocking.Site, h heldLock, cause *blocking.Cause) {
	n := site.Cursor.Node()
	d := analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Category: ruleIO}
	if site.Kind == blocking.NetworkIO {
		d.Message = fmt.Sprintf("%s is held across %s, a network round trip, so every goroutine that needs %s waits on the slowest peer; make the call unlocked and lock again to store the result",
			h.name, site.What, h.name)
	} else {
		d.Message = fmt.Sprintf("%s is held across %s, which waits on the network at %s, so every goroutine that needs %s waits on the slowest peer; make the call unlocked and lock again to store the result",
			h.name, site.What, cause, h.name)
	}
	d.Related = []analysis.RelatedInformation{{Pos: h.pos, Message: h.name + " is locked here"}}
	w.reporter.Report(d)
}

func (w *walker) reportSend(n ast.Node, end token.Pos, h heldLock, ch string) {
	w.reporter.Report(analysis.Diagnostic{
		Pos: n.Pos(), End: end, Category: ruleSend,
		Message: fmt.Sprintf("%s is held across a send on %s, a channel handed out to code outside the package, so one slow receiver stalls every goroutine that needs %s; send after unlocking, or give each receiver its own queue",
			h.name, ch, h.name),
		Related: []analysis.RelatedInformation{{Pos: h.pos, Message: h.name + " is locked here"}},
	})
}

func (w *walker) reportDeadlock(site blocking.Site, h heldLock, other token.Pos) {
	n := site.Cursor.Node()
	w.reporter.Report(analysis.Diagnostic{
		Pos: n.Pos(), End: n.End(), Category: ruleDeadlock,
		Message: fmt.Sprintf("%s is held across %s, but the goroutine it waits for locks %s first, so neither can go on: a deadlock; release %s before waiting",
			h.name, site.What, h.name, h.name),
		Related: []analysis.RelatedInformation{
			{Pos: h.pos, Message: h.name + " is locked here"},
			{Pos: other, Message: "the other side locks " + h.name + " here"},
		},
	})
}

func (w *walker) reportRelock(at ast.Node, h heldLock, by string, read bool) {
	msg := fmt.Sprintf("%s is locked again%s while already held, a self-deadlock since sync mutexes are not reentrant; unlock first or call a variant that expects the lock held",
		h.name, by)
	if read {
		msg = fmt.Sprintf("%s is read-locked again%s while already read-locked, which deadlocks once a writer waits between the two (sync.RWMutex forbids recursive read locking); read-lock once and call a variant that expects the lock held",
			h.name, by)
	}
	w.reporter.Report(analysis.Diagnostic{
		Pos: at.Pos(), End: at.End(), Message: msg, Category: ruleRelock,
		Related: []analysis.RelatedInformation{{Pos: h.pos, Message: h.name + " is locked here"}},
	})
}
