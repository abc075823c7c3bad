package notimeout

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/flow"
)

// foreignListener reports whether every value the listener l may hold, as
// far as its function shows, comes from a function of another package
// that is not the standard library's: a listener whose transport that
// package owns (an in-memory pipe, a tailnet or a systemd socket), so
// who can reach it is not known here. Standard wrappers (tls.NewListener,
// netutil.LimitListener) are looked through to the listener they wrap; a
// listener from net.Listen, a parameter or a field stays exposed.
func foreignListener(info *types.Info, pkg *types.Package, cur inspector.Cursor, l ast.Expr) bool {
	var fcur inspector.Cursor // the outermost function: a goroutine's literal serves what its declaration made
	for fcur = range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
	}
	if !fcur.Valid() {
		return false
	}
	return foreignOrigins(info, pkg, fcur, l, 3)
}

func foreignOrigins(info *types.Info, pkg *types.Package, fcur inspector.Cursor, l ast.Expr, depth int) bool {
	seen, foreign := false, true
	flow.Origins(info, fcur, l, func(o flow.Origin) bool {
		seen = true
		if o.Kind != flow.Result || depth == 0 {
			foreign = false
			return false
		}
		fn := analysisutil.Callee(info, o.Call)
		switch {
		case fn == nil || fn.Pkg() == nil || fn.Pkg() == pkg:
			foreign = false
		case analysisutil.IsFunc(fn, "crypto/tls", "NewListener") || analysisutil.IsFunc(fn, "golang.org/x/net/netutil", "LimitListener"):
			foreign = len(o.Call.Args) > 0 && foreignOrigins(info, pkg, fcur, o.Call.Args[0], depth-1)
		case analysisutil.IsStdPath(fn.Pkg().Path()) || fn.Pkg().Path() == "golang.org/x/net/netutil":
			foreign = false // net.Listen, net.ListenTCP, tls.Listen: the network
		}
		return foreign
	})
	return seen && foreign
}
