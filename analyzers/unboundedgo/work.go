package unboundedgo

import (
	"go/ast"
	"go/types"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
)

// workDepth is how many calls of this package doesWork looks through.
const workDepth = 3

// doesWork reports whether the goroutine of sp does what a limit is for:
// a network or database round trip, a child process, more goroutines, or a
// call with a context into an API the model cannot see into (an interface
// method or a func value: a client behind an interface). A goroutine that
// only computes on data already in memory is cheap, and a limit adds
// nothing to it.
func (c *checker) doesWork(sp spawn) bool {
	work := ast.Unparen(sp.work)
	if body := c.workBody(work); body != nil {
		return c.bodyWorks(body, workDepth)
	}
	if call, ok := work.(*ast.CallExpr); ok {
		return c.callWorks(call, workDepth)
	}
	return false // g.Go(f) with a func value it cannot see
}

// bodyWorks reports whether body, nested function literals included, does
// work (see doesWork), looking depth calls of this package deep.
func (c *checker) bodyWorks(body *ast.BlockStmt, depth int) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.GoStmt:
			found = true // spawns more work
		case *ast.CallExpr:
			found = c.callWorks(n, depth)
		}
		return !found
	})
	return found
}

// callWorks reports whether call does work: itself (from the catalogue or
// the blocking facts), or through the body of a function of this package.
func (c *checker) callWorks(call *ast.CallExpr, depth int) bool {
	fn := analysisutil.Callee(c.pass.TypesInfo, call)
	switch {
	case fn == nil:
		if body := c.workBody(call); body != nil && depth > 1 {
			return c.bodyWorks(body, depth-1)
		}
		return c.passesContext(call) // a func value
	case catalog.IsNetworkIO(fn), catalog.IsChildProcess(fn):
		return true
	case c.spawns(call, fn):
		return true
	}
	if f := c.blocking.FactOf(fn); f != nil && f.IO != nil {
		return true
	}
	if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return c.passesContext(call) && !catalog.IsLogging(fn)
	}
	if depth > 1 {
		if decl := c.decls[fn.Origin()]; decl != nil {
			return c.bodyWorks(decl.Body, depth-1)
		}
	}
	return false
}

// spawns reports whether call starts a goroutine: errgroup.Group.Go or
// sync.WaitGroup.Go.
func (c *checker) spawns(call *ast.CallExpr, fn *types.Func) bool {
	return analysisutil.IsMethod(fn, errgroupPath, "Group", "Go") ||
		analysisutil.IsMethod(fn, "sync", "WaitGroup", "Go") && analysisutil.GoVersionAtLeast(c.pass, call.Pos(), "go1.25")
}

// passesContext reports whether call hands a context.Context to its callee.
func (c *checker) passesContext(call *ast.CallExpr) bool {
	for _, arg := range call.Args {
		if analysisutil.IsContext(c.pass.TypesInfo.TypeOf(arg)) {
			return true
		}
	}
	return false
}
