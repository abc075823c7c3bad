package droppedctx

import (
	"go/ast"
	"go/constant"
	"go/types"
	"time"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
	"github.com/conclint/conclint/internal/netaddr"
)

// shortBound is the longest timeout that makes a dropped context not worth
// a change: the call runs on for at most that long after cancellation.
const shortBound = 30 * time.Second

// boundedShort reports whether the call of fn at cur is already bounded
// by a short timeout: a method of an *http.Client whose every construction
// in the package sets a short Timeout, net.DialTimeout with a short
// timeout, a net dial of a Unix socket or a loopback address (it connects
// or is refused at once: netaddr.Local), tls.DialWithDialer with a
// net.Dialer that has one, or a method of a connection its function gave
// a deadline before (deadlineSet).
func (c *checker) boundedShort(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) bool {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn.Signature().Recv() != nil && c.deadlineSet(cur, sel.X) {
		return true
	}
	switch catalog.Key(fn) {
	case "net/http.Client.Get", "net/http.Client.Head", "net/http.Client.Post", "net/http.Client.PostForm", "net/http.Client.Do":
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		obj := analysisutil.ObjectOf(c.pass.TypesInfo, sel.X)
		return obj != nil && c.clientTimeouts()[obj]
	case "net.Dial", "net.Dialer.Dial":
		return len(call.Args) == 2 && netaddr.Local(c.pass.TypesInfo, cur, call.Args[0], call.Args[1])
	case "net.DialTimeout":
		return len(call.Args) == 3 && (c.short(call.Args[2]) || netaddr.Local(c.pass.TypesInfo, cur, call.Args[0], call.Args[1]))
	case "crypto/tls.DialWithDialer":
		return len(call.Args) > 0 && c.timeoutField(call.Args[0])
	}
	return false
}

// clientTimeouts maps each variable or field the package assigns
// *http.Client values to, to whether every one of them has a short Timeout.
func (c *checker) clientTimeouts() map[types.Object]bool {
	if c.clients != nil {
		return c.clients
	}
	c.clients = make(map[types.Object]bool)
	seen := make(map[types.Object]bool)
	record := func(lhs ast.Expr, rhs ast.Expr) {
		obj := analysisutil.ObjectOf(c.pass.TypesInfo, lhs)
		if obj == nil || !isHTTPClient(c.pass.TypesInfo.TypeOf(rhs)) {
			return
		}
		short := c.timeoutField(rhs)
		if !seen[obj] {
			seen[obj], c.clients[obj] = true, short
		} else {
			c.clients[obj] = c.clients[obj] && short
		}
	}
	analysisutil.EachStore(c.pass.Files, c.pass.TypesInfo, record)
	return c.clients
}

func isHTTPClient(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	return t != nil && analysisutil.IsNamed(t, "net/http", "Client")
}

// timeoutField reports whether e is a composite literal (or its address)
// with a short constant Timeout field: &http.Client{Timeout: 10 * time.Second}.
func (c *checker) timeoutField(e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Timeout" {
				return c.short(kv.Value)
			}
		}
	}
	return false
}

// short reports whether e is a positive constant duration of at most
// shortBound.
func (c *checker) short(e ast.Expr) bool {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil {
		return false
	}
	d, ok := constant.Int64Val(constant.ToInt(tv.Value))
	return ok && d > 0 && time.Duration(d) <= shortBound
}

// deadlineSet reports whether the function enclosing cur, before cur,
// sets a deadline on the connection x names (x.SetDeadline(t),
// SetReadDeadline or SetWriteDeadline, t not the zero time): its I/O ends
// by then whatever the context does, as a TLS handshake under a ten-second
// deadline does.
func (c *checker) deadlineSet(cur inspector.Cursor, x ast.Expr) bool {
	obj := analysisutil.ObjectOf(c.pass.TypesInfo, x)
	if obj == nil {
		return false
	}
	for call := range analysisutil.EnclosingFunc(cur).Preorder((*ast.CallExpr)(nil)) {
		n := call.Node().(*ast.CallExpr)
		if n.Pos() >= cur.Node().Pos() {
			break
		}
		sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
		if !ok || len(n.Args) != 1 || analysisutil.ObjectOf(c.pass.TypesInfo, sel.X) != obj || isZeroTime(n.Args[0]) {
			continue
		}
		switch sel.Sel.Name {
		case "SetDeadline", "SetReadDeadline", "SetWriteDeadline":
			return true
		}
	}
	return false
}

// isZeroTime reports whether e is time.Time{}, which clears a deadline.
func isZeroTime(e ast.Expr) bool {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	return ok && len(lit.Elts) == 0
}
