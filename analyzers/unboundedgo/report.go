package unboundedgo

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/flow"
)

// report reports sp, which starts one goroutine per item ("element of
// events"), with the SetLimit fix when sp is an errgroup's Go.
func (c *checker) report(sp spawn, item, rule string) {
	d := analysis.Diagnostic{
		Category: rule,
		Message:  "one goroutine per " + item + " with no limit; bound it with errgroup.SetLimit or a semaphore",
	}
	switch n := sp.cur.Node().(type) {
	case *ast.GoStmt:
		d.Pos, d.End = n.Go, analysisutil.KeywordEnd(n.Go, "go")
	case *ast.CallExpr:
		d.Pos, d.End = n.Fun.Pos(), n.Fun.End()
	}
	if sp.group != nil {
		if fix, ok := c.setLimitFix(sp); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	c.reporter.Report(d)
}

// setLimitFix inserts g.SetLimit(limit) right after the statement that
// creates the errgroup g, before any goroutine can run.
func (c *checker) setLimitFix(sp spawn) (analysis.SuggestedFix, bool) {
	if _, err := parser.ParseExpr(c.opts.Limit); err != nil {
		return analysis.SuggestedFix{}, false
	}
	cur, created := c.creation(outermost(sp.cur), sp.group)
	if !created {
		return analysis.SuggestedFix{}, false
	}
	switch cur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
	default:
		return analysis.SuggestedFix{}, false // no room for a statement after it
	}
	stmt := cur.Node()
	file := analysisutil.FileOf(c.pass, stmt.Pos())
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	limit := c.opts.Limit
	var edits []analysis.TextEdit
	if strings.Contains(limit, "runtime.") {
		name, importEdits, ok := analysisutil.ImportName(c.pass, file, "runtime", stmt.End())
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		limit = strings.ReplaceAll(limit, "runtime.", name+".")
		edits = importEdits
	}
	call := sp.group.Name() + ".SetLimit(" + limit + ")"
	edits = append(edits, analysisutil.InsertAfter(stmt, "\n"+c.indent(stmt.Pos())+call))
	return analysis.SuggestedFix{Message: "Call " + call + " after creating the group", TextEdits: edits}, true
}

// creation returns the statement in top that defines the errgroup g,
// and whether it creates a new group: g, ctx :=
// errgroup.WithContext(ctx), var g errgroup.Group, g := new(errgroup.Group)
// or g := &errgroup.Group{}.
func (c *checker) creation(top inspector.Cursor, g *types.Var) (inspector.Cursor, bool) {
	for cur := range top.Preorder((*ast.AssignStmt)(nil), (*ast.DeclStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if id, ok := lhs.(*ast.Ident); ok && c.pass.TypesInfo.Defs[id] == g {
					switch {
					case len(n.Rhs) == len(n.Lhs):
						return cur, c.createsGroup(n.Rhs[i])
					case len(n.Rhs) == 1:
						return cur, c.createsGroup(n.Rhs[0]) // g, ctx := errgroup.WithContext(ctx)
					}
					return cur, false
				}
			}
		case *ast.DeclStmt:
			gen, _ := n.Decl.(*ast.GenDecl)
			for _, spec := range gen.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for i, name := range vs.Names {
					if c.pass.TypesInfo.Defs[name] == g {
						switch len(vs.Values) {
						case 0:
							return cur, true
						case len(vs.Names):
							return cur, c.createsGroup(vs.Values[i])
						}
						return cur, false
					}
				}
			}
		}
	}
	return inspector.Cursor{}, false
}

// createsGroup reports whether e makes a new errgroup.
func (c *checker) createsGroup(e ast.Expr) bool {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && analysisutil.IsFunc(analysisutil.Callee(c.pass.TypesInfo, call), errgroupPath, "WithContext") {
		return true
	}
	return flow.Fresh(c.pass.TypesInfo, e)
}

// indent returns the leading white space of the line holding pos.
func (c *checker) indent(pos token.Pos) string {
	tf := c.pass.Fset.File(pos)
	p := c.pass.Fset.Position(pos)
	if c.pass.ReadFile != nil {
		if src, err := c.pass.ReadFile(tf.Name()); err == nil {
			start := tf.Offset(tf.LineStart(p.Line))
			line := src[start:]
			if i := bytes.IndexFunc(line, func(r rune) bool { return r != ' ' && r != '\t' }); i >= 0 {
				return string(line[:i])
			}
		}
	}
	return strings.Repeat("\t", p.Column-1)
}
