package notimeout

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
)

// streamed returns the first send among sends whose response body the
// sending function hands on (returns the response, or copies its body
// with io.Copy): a download or a stream of any length, which a
// whole-request Timeout would cut off.
func (c *checker) streamed(sends []inspector.Cursor) (inspector.Cursor, bool) {
	var streaming []inspector.Cursor
	for _, send := range sends {
		if c.handsOnBody(send) {
			streaming = append(streaming, send)
		}
	}
	return c.first(streaming)
}

// handsOnBody reports whether the function sending at send returns the
// response or copies its body into a writer.
func (c *checker) handsOnBody(send inspector.Cursor) bool {
	info := c.pass.TypesInfo
	var resp types.Object
	switch p := send.Parent().Node().(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && len(p.Lhs) >= 1 {
			resp = analysisutil.IdentObject(info, p.Lhs[0])
		}
	}
	if resp == nil {
		return false
	}
	fcur := analysisutil.EnclosingFunc(send)
	for cur := range fcur.Preorder((*ast.ReturnStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				if analysisutil.IdentObject(info, r) == resp {
					return true
				}
			}
		case *ast.CallExpr:
			if !analysisutil.IsFunc(analysisutil.Callee(info, n), "io", "Copy", "CopyN", "CopyBuffer") || len(n.Args) < 2 || discards(info, n.Args[0]) || inMemory(info, n.Args[0]) {
				continue // io.Copy(io.Discard, resp.Body) drains it for reuse; into a buffer, it reads a reply (an error text)
			}
			if sel, ok := ast.Unparen(n.Args[1]).(*ast.SelectorExpr); ok && sel.Sel.Name == "Body" && analysisutil.IdentObject(info, sel.X) == resp {
				return true
			}
		}
	}
	return false
}

// discards reports whether w is io.Discard (or ioutil.Discard).
func discards(info *types.Info, w ast.Expr) bool {
	sel, ok := ast.Unparen(w).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Discard" {
		return false
	}
	v, ok := info.Uses[sel.Sel].(*types.Var)
	return ok && v.Pkg() != nil && (v.Pkg().Path() == "io" || v.Pkg().Path() == "io/ioutil")
}

// inMemory reports whether w is an in-memory buffer (*bytes.Buffer,
// *strings.Builder): copying a body there reads a reply whole, as
// io.ReadAll does, and hands nothing on.
func inMemory(info *types.Info, w ast.Expr) bool {
	t := info.TypeOf(w)
	if t == nil {
		return false
	}
	return analysisutil.IsNamed(t, "bytes", "Buffer") || analysisutil.IsNamed(t, "strings", "Builder")
}
