package seqio

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/directive"
	"github.com/conclint/conclint/internal/scope"
)

//go:embed doc.go
var doc string

// Options configures one seqio analyzer. Each field is a flag of the
// analyzer (-seqio.loops), a golangci-lint setting and a config file key
// of the same name; New declares them.
type Options struct {
	Tests  bool    // check test files too
	Chain  bool    // report independent reads one after another (seqio/chain)
	Loops  bool    // report one read per element of a range loop too
	Reads  verbSet // verbs that make a call a read
	Writes verbSet // verbs that make a call a write
}

// DefaultOptions returns the options Analyzer runs with.
func DefaultOptions() Options {
	return Options{
		Reads:  verbSet{set: parseVerbs(defaultReads), list: defaultReads},
		Writes: verbSet{set: parseVerbs(defaultWrites), list: defaultWrites},
	}
}

// Analyzer reports independent reads made one after another, at the
// default options. It exports no facts, so drivers run it (and build SSA)
// only on the packages being reported, never on their dependencies.
var Analyzer = New(DefaultOptions())

// New returns a seqio analyzer that runs with opts. Its flags set this
// analyzer's own copy of the options, which its runs read.
func New(opts Options) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "seqio",
		Doc:      analysisutil.MustExtractDoc(doc, "seqio"),
		URL:      "https://github.com/conclint/conclint#seqio",
		Requires: []*analysis.Analyzer{inspect.Analyzer, blocking.Model, scope.Analyzer},
		Run:      func(pass *analysis.Pass) (any, error) { return run(pass, &opts) },
	}
	a.Flags.BoolVar(&opts.Tests, "tests", opts.Tests, directive.TestsUsage)
	a.Flags.BoolVar(&opts.Chain, "chain", opts.Chain, "report any independent reads made one after another, not only costly round trips (opt-in: on real code most such pairs are cheap lookups, and fewer than one in ten was worth running concurrently)")
	a.Flags.BoolVar(&opts.Loops, "loops", opts.Loops, "also report a read made once per element of a range loop whose iterations are independent (opt-in)")
	a.Flags.Var(&opts.Reads, "reads", "comma-separated verbs (the first word of a call's name) that make a call a read")
	a.Flags.Var(&opts.Writes, "writes", "comma-separated verbs that make a call a write, first in its name or after Or/And (GetOrCreate)")
	return a
}

const (
	defaultReads  = "get,list,all,find,fetch,query,count,read,lookup,search,select,describe,stat,head,resolve,retrieve,exists,has"
	defaultWrites = "create,insert,update,delete,put,set,save,exec,execute,send,publish,post,write,remove,add,begin,commit,rollback," +
		"upsert,patch,store,register,unregister,lock,unlock,acquire,release,load,fill,sync,apply,mark,reset,init,ensure," +
		"enqueue,push,pop,dequeue,claim,consume,ack,nack,incr,inc,decr,increment,decrement,invalidate,flush,refresh,notify," +
		"emit,trigger,do,run,start,stop,close,open,dial,connect,cancel,kill,migrate,import,upload,grant,revoke,approve,reject," +
		"replace,merge,move,rename,copy,touch,reserve,allocate,assign,attach,detach,link,unlink,subscribe,unsubscribe,watch,poll,renew,login,logout"
)

// maxCalls bounds the I/O calls of one function that are compared pairwise.
const maxCalls = 40

// verbSet is a flag holding a comma-separated list of lowercase verbs.
type verbSet struct {
	set  map[string]bool
	list string
}

func (v *verbSet) String() string { return v.list }

func (v *verbSet) Set(s string) error {
	v.set, v.list = parseVerbs(s), s
	return nil
}

func parseVerbs(s string) map[string]bool {
	set := make(map[string]bool)
	for _, w := range strings.Split(s, ",") {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
			set[w] = true
		}
	}
	return set
}

func run(pass *analysis.Pass, opts *Options) (any, error) {
	reporter := directive.NewReporter(pass, opts.Tests)
	a := &analyzer{
		opts:     opts,
		pass:     pass,
		bl:       pass.ResultOf[blocking.Model].(*blocking.Info),
		sc:       pass.ResultOf[scope.Analyzer].(*scope.Info),
		reporter: reporter,
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for fcur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body := analysisutil.FuncBody(fcur.Node())
		if body == nil || reporter.Skip(body.Pos()) || reporter.Role(body.Pos()) == directive.Demo || startUp(pass, fcur) ||
			!reporter.Tests() && scope.InTestHelper(pass.TypesInfo, fcur) { // a test's calls assert in order: require.Error(t, err) between two reads
			continue
		}
		a.function(fcur)
	}
	return nil, nil
}

// startUp reports whether fcur is main or init, or a function literal in
// them: code that runs once, where a round trip's latency is no one's wait.
func startUp(pass *analysis.Pass, fcur inspector.Cursor) bool {
	for cur := range fcur.Enclosing((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		return decl.Recv == nil && (decl.Name.Name == "init" || decl.Name.Name == "main" && pass.Pkg.Name() == "main")
	}
	return false
}

// callback reports whether fcur is, or is inside, a function the package
// never calls but hands to another package as a value (scope.Callbacks):
// a refresher that a scheduler runs on a timer, whose latency no request
// is known to wait for.
func (a *analyzer) callback(fcur inspector.Cursor) bool {
	for cur := range fcur.Enclosing((*ast.FuncDecl)(nil)) {
		if a.callbacks == nil {
			a.callbacks = a.sc.FindCallbacks(a.pass, a.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector))
		}
		return a.callbacks.Has(cur.Node().(*ast.FuncDecl))
	}
	return false
}

type analyzer struct {
	opts      *Options
	pass      *analysis.Pass
	bl        *blocking.Info
	sc        *scope.Info
	reporter  *directive.Reporter
	ssaFuncs  map[ast.Node]*ssa.Function // built on first use, see ssaOf
	callbacks *scope.Callbacks           // found on first use, see callback
	readOnly  map[*types.Named]bool      // memo of readOnlyClient
	serving   map[*types.Named]bool      // memo of servesRequests
}

// function reports the chains of independent reads in the function at fcur.
func (a *analyzer) function(fcur inspector.Cursor) {
	calls, barriers := a.ioCalls(fcur)
	pairs := countCostly(calls) >= 2 || a.opts.Chain && len(calls) >= 2
	if len(calls) > maxCalls || !pairs && !a.opts.Loops || a.callback(fcur) {
		return
	}
	fn := a.ssaOf(fcur.Node())
	if fn == nil || fn.Blocks == nil {
		return
	}
	f := newFunc(a, fcur, fn)
	f.barriers = barriers
	for i := range calls {
		if !f.bind(calls[i]) {
			f.barriers = append(f.barriers, calls[i].call.Pos())
			calls[i] = nil
		}
	}
	if a.opts.Loops {
		f.loops(calls)
	}
	// seqio/remote: the costly round trips alone, whatever cheap reads
	// lie between them.
	var costly []*ioCall
	for _, c := range calls {
		if c != nil && c.cost != nil {
			costly = append(costly, c)
		}
	}
	for _, chain := range f.chains(costly, true) {
		a.report(chain, ruleRemote)
	}
	if !a.opts.Chain {
		return
	}
	for _, chain := range f.chains(calls, false) {
		if n := countCostly(chain); n < 2 { // else seqio/remote has it
			a.report(chain, ruleChain)
		}
	}
}

// chains returns the chains of independent calls among calls: calls are
// in source order; per block, a chain grows while each new call is
// independent of every call already in it, and it ends at its last. For
// seqio/remote (remote), two calls of one API method are not a chain: the
// same request with other arguments wants one batched request, not two
// at once.
func (f *fnModel) chains(calls []*ioCall, remote bool) [][]*ioCall {
	if len(calls) < 2 {
		return nil
	}
	var done [][]*ioCall
	chains := make(map[*ast.Stmt][]*ioCall)
	var order []*ast.Stmt
	for _, c := range calls {
		if c == nil {
			continue
		}
		key := &c.list[0]
		chain := chains[key]
		if chain == nil {
			order = append(order, key)
		}
		if len(chain) > 0 && (!f.independent(chain, c) || remote && f.sameRequest(chain, c)) {
			if len(chain) > 1 {
				done = append(done, chain)
			}
			chain = nil
		}
		chains[key] = append(chain, c)
	}
	for _, key := range order {
		if chain := chains[key]; len(chain) > 1 {
			done = append(done, chain)
		}
	}
	return done
}

func countCostly(chain []*ioCall) int {
	n := 0
	for _, c := range chain {
		if c.cost != nil {
			n++
		}
	}
	return n
}

func (a *analyzer) report(chain []*ioCall, rule string) {
	last := chain[len(chain)-1]
	var names []string
	related := make([]analysis.RelatedInformation, 0, len(chain)-1)
	for _, c := range chain[:len(chain)-1] {
		line := a.pass.Fset.Position(c.call.Pos()).Line
		names = append(names, fmt.Sprintf("%s (line %d)", c.name, line))
		what := "a round trip"
		if rule == ruleRemote {
			what = costWord(c.cost)
			if c.cost.Via != "" {
				what += " (" + c.cost.String() + ")"
			}
		}
		related = append(related, analysis.RelatedInformation{Pos: c.call.Pos(), End: c.call.End(),
			Message: fmt.Sprintf("%s runs here, %s that %s waits for without needing it", c.name, what, last.name)})
	}
	gain := "the slower one, not both"
	if len(chain) > 2 {
		gain = fmt.Sprintf("the slowest one, not all %d", len(chain))
	}
	cost := ""
	if rule == ruleRemote {
		cost = ", and each is " + costKinds(chain)
	}
	a.reporter.Report(analysis.Diagnostic{
		Pos: last.outer.Pos(), End: last.outer.End(), Category: rule,
		Message: fmt.Sprintf("%s does not depend on %s%s; run them concurrently with errgroup to wait for %s",
			last.name, orList(names), cost, gain),
		Related:        related,
		SuggestedFixes: a.errgroupFix(chain),
	})
}

// costWord names what makes a round trip costly.
func costWord(c *blocking.Cause) string {
	if c.Scan {
		return "a query that reads a whole table"
	}
	return "a remote request"
}

// costKinds names what makes the calls of chain costly, in one phrase.
func costKinds(chain []*ioCall) string {
	scans, requests := false, false
	for _, c := range chain {
		scans, requests = scans || c.cost.Scan, requests || !c.cost.Scan
	}
	switch {
	case scans && requests:
		return "a remote request or a query that reads a whole table"
	case scans:
		return "a query that reads a whole table"
	}
	return "a remote request"
}

// orList joins "a", "a or b", "a, b or c".
func orList(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
