// Package blocking is conclint's model of what blocks: calls that sleep,
// wait for other goroutines or do network I/O, channel operations and
// selects that can wait indefinitely, and which functions do any of these
// through their callees (a function literal that a callee calls counts
// as its caller's work, see passed.go). Its facts also record which
// mutexes a function locks, in the terms of internal/locks, which owns the
// lock model.
//
// It runs as an analyzer that exports a Fact per exported function (all
// of a package's in one PackageFacts), so the knowledge crosses packages,
// and whose result the rule analyzers
// (handlerblock, lockio) share: they apply their own policy to the same
// Sites instead of deriving what blocks twice.
package blocking

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
	"github.com/conclint/conclint/internal/locks"
	"github.com/conclint/conclint/internal/pools"
	"github.com/conclint/conclint/internal/scope"
)

// Analyzer computes which functions block and which locks they take: the
// facts, for every package, dependencies included; with them it exports
// the functions that make connection pools (makers.go). Its Info answers FactOf
// and LockCall; the questions about sites (Sites, IgnoresCancel, HandedOut,
// ...) need the tables that Model adds, on the packages being checked.
var Analyzer = &analysis.Analyzer{
	Name:       "blocking",
	Doc:        "compute which functions block, wait or lock, for conclint's rule analyzers",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Info](),
	FactTypes:  []analysis.Fact{new(PackageFacts), new(pools.MakesPool)},
}

// Model is the whole model of a package for the rule analyzers that ask
// about its sites (handlerblock, lockio, seqio): Analyzer's Info with every
// package-wide table built. It has no facts of its own, so it runs only
// where such an analyzer does, not on every dependency.
var Model = &analysis.Analyzer{
	Name:       "blockingmodel",
	Doc:        "complete the blocking model of a package for conclint's rule analyzers",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, Analyzer},
	Run:        runModel,
	ResultType: reflect.TypeFor[*Info](),
}

// Info is the model of one package, with the facts of the functions it
// declares or calls.
type Info struct {
	pass      *analysis.Pass
	std       bool                             // a standard library package
	facts     map[*types.Func]*Fact            // complete once run returns
	imported  map[*types.Package]*PackageFacts // the tables of imports asked so far (nil: it exported none)
	exported  *PackageFacts                    // this package's table (tests)
	wrapped   map[*types.Func]*locks.WrappedOp // this package's lock wrappers
	accessors map[*types.Func]types.Object     // methods that return a channel field (see chanObject)
	passed    map[*ast.FuncLit][]Site          // function literals given to a callee that calls them (see passedCause)

	// Package-wide tables, built by run (the channel tables, which the
	// facts need, see buildChanTables) or by Model (the rest, and all of
	// them in the standard library, whose facts run does not compute): an
	// Info does not change once returned, so handlerblock and lockio may
	// ask at once.
	chans     map[ast.Node]*chanVars    // per outermost function
	stores    []chanStore               // see findStores
	buffered  map[types.Object]bool     // see IsBuffered
	closed    map[types.Object]bool     // see onlyClosed
	futures   map[types.Object]bool     // see onlyResults
	drained   map[*types.Var]bool       // see drainedParam
	handedOut map[types.Object]bool     // see HandedOut
	received  map[types.Object]bool     // see UsersReceive
	served    map[types.Object]bool     // see ServedByLoop
	chanUses  map[*ast.Ident]*types.Var // see findChanUses
	shutDown  []Slot                    // see ReleasedOnDone
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	in := &Info{pass: pass, facts: make(map[*types.Func]*Fact), imported: make(map[*types.Package]*PackageFacts)}
	in.std = analysisutil.IsStd(pass)
	in.findAccessors(insp)
	if !in.std && waitsOnChannels(pass.TypesInfo, insp) { // computeFacts asks about channel sites
		in.buildChanTables(insp) // otherwise Model builds them where a rule asks
	}
	for _, obj := range pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg() == pass.Pkg {
			continue
		}
		fn = fn.Origin()
		if _, seen := in.facts[fn]; seen {
			continue
		}
		in.importFact(fn)
		if analysisutil.IsStdPath(fn.Pkg().Path()) {
			continue
		}
		if v, ok := catalog.ContextVariant(fn); ok && v.Sibling != nil {
			in.importFact(v.Sibling.Origin()) // whether the variant waits says whether the plain form drops anything
		}
	}
	if !in.std { // the standard library's blocking API is the catalogue; its internals are its own
		in.computeFacts(insp)
	}
	in.exportMakers(insp)
	return in, nil
}

// importFact records the fact another package exported for fn, or nil.
func (in *Info) importFact(fn *types.Func) {
	if _, seen := in.facts[fn]; seen || fn.Pkg() == nil || fn.Pkg() == in.pass.Pkg {
		return
	}
	in.facts[fn] = nil
	key, ok := factKey(fn)
	if !ok {
		return
	}
	if table := in.tableOf(fn.Pkg()); table != nil {
		in.facts[fn] = table.lookup(key)
	}
}

// tableOf returns the table of facts pkg exported, or nil.
func (in *Info) tableOf(pkg *types.Package) *PackageFacts {
	table, seen := in.imported[pkg]
	if !seen {
		table = new(PackageFacts)
		if !in.pass.ImportPackageFact(pkg, table) {
			table = nil
		}
		in.imported[pkg] = table
	}
	return table
}

// DoesNothing reports whether fn, an exported function of another
// package, is known to do nothing the facts describe: its package
// exported a table of facts (so it was analysed, and is not the standard
// library, whose blocking API is the catalogue) and fn has no entry, so
// it never waits, blocks, locks or calls what it is given.
func (in *Info) DoesNothing(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg() == in.pass.Pkg || analysisutil.IsStdPath(fn.Pkg().Path()) {
		return false // the standard library's blocking API is the catalogue, whatever a driver analysed
	}
	f, seen := in.facts[fn.Origin()] // run imported every function the package uses; Info is read-only since
	if !seen || f != nil {
		return false
	}
	if _, ok := factKey(fn); !ok {
		return false
	}
	return in.imported[fn.Pkg()] != nil
}

// FactOf returns what is known of fn, from this package or an import, or nil.
func (in *Info) FactOf(fn *types.Func) *Fact {
	if fn == nil {
		return nil
	}
	return in.facts[fn.Origin()]
}

// takesContext reports whether a function's receiver or a parameter is a
// context or carries one.
func takesContext(sig *types.Signature) bool {
	if r := sig.Recv(); r != nil && scope.IsCarrier(r.Type()) {
		return true
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if scope.IsCarrier(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}

// isTestFile reports whether the file holding n is a _test.go file.
func (in *Info) isTestFile(n ast.Node) bool {
	return strings.HasSuffix(in.pass.Fset.File(n.Pos()).Name(), "_test.go")
}

// buildChanTables computes the package-wide tables that Sites reads. Each
// is a function of the package alone; findStores comes first, since
// onlyClosed's and IsBuffered's tables (and Model's HandedOut) read it.
func (in *Info) buildChanTables(insp *inspector.Inspector) {
	in.chanUses = in.findChanUses()
	in.chans = in.findLocalChans(insp)
	in.stores = in.findStores()
	in.closed = in.findClosed()
	in.buffered = in.bufferedVars()
	in.futures = in.findFutures()
	in.drained = in.findDrained()
}

// findChanUses returns the identifiers that use a variable or field of
// channel type, from one pass over info.Uses: the tables' walks test each
// identifier against this small map, where looking every one up in
// info.Uses, a map as large as the package, was most of their cost.
func (in *Info) findChanUses() map[*ast.Ident]*types.Var {
	out := make(map[*ast.Ident]*types.Var)
	for id, obj := range in.pass.TypesInfo.Uses {
		if v, ok := obj.(*types.Var); ok && isChan(v.Type()) {
			out[id] = v
		}
	}
	return out
}

// waitsOnChannels reports whether the package sends, receives, selects or
// ranges over a channel anywhere: without such a site the channel tables
// answer no question the facts ask (most dependencies: they are six walks
// of every file, half of the analyzer's cost on prometheus' dependencies).
func waitsOnChannels(info *types.Info, insp *inspector.Inspector) bool {
	found := false
	insp.Preorder([]ast.Node{(*ast.SendStmt)(nil), (*ast.SelectStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil)}, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.SendStmt, *ast.SelectStmt:
			found = true
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW
		case *ast.RangeStmt:
			if t := info.TypeOf(n.X); t != nil {
				_, isChan := t.Underlying().(*types.Chan)
				_, isParam := t.(*types.TypeParam) // may be a channel type
				found = found || isChan || isParam
			}
		}
	})
	return found
}

// runModel returns a copy of Analyzer's Info with every table built: the
// channel tables where run did not build them, HandedOut's,
// UsersReceive's, ServedByLoop's and ReleasedOnDone's everywhere.
func runModel(pass *analysis.Pass) (any, error) {
	in := *pass.ResultOf[Analyzer].(*Info)
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if in.chans == nil {
		in.buildChanTables(insp)
	}
	in.handedOut = in.findHandedOut()
	in.received, in.served = in.findReceivers()
	in.shutDown = in.findShutDown()
	return &in, nil
}
