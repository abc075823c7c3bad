package seqio

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/analysisutil"
)

// errgroupFix rewrites a chain into errgroup.WithContext when it has the
// canonical shape, where the rewrite keeps what the function does: each
// call is `v, err := call(ctx, …)` (or =) followed at once by
// `if err != nil { return …, err }`, every check returns the same, and
// every call takes the same context. Any other shape gets no fix.
func (a *analyzer) errgroupFix(chain []*ioCall) []analysis.SuggestedFix {
	info := a.pass.TypesInfo
	first, last := chain[0], chain[len(chain)-1]
	var errName, ret, ctxText string
	var src []byte
	for i, c := range chain {
		if i > 0 && (len(c.list) != len(first.list) || c.index != chain[i-1].index+2) {
			return nil
		}
		as, ok := c.stmt.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 2 || c.outer != c.call {
			return nil
		}
		errID, ok := as.Lhs[1].(*ast.Ident)
		if !ok || (errName != "" && errID.Name != errName) || c.index+1 >= len(c.list) {
			return nil
		}
		errName = errID.Name
		check, ok := c.list[c.index+1].(*ast.IfStmt)
		if !ok || check.Init != nil || check.Else != nil || !isErrCheck(info, check.Cond) || len(check.Body.List) != 1 {
			return nil
		}
		if x, ok := ast.Unparen(check.Cond.(*ast.BinaryExpr).X).(*ast.Ident); !ok || x.Name != errName {
			return nil
		}
		r, ok := check.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(r.Results) == 0 {
			return nil
		}
		if id, ok := r.Results[len(r.Results)-1].(*ast.Ident); !ok || id.Name != errName {
			return nil
		}
		if src == nil {
			if src = a.source(first.stmt.Pos()); src == nil {
				return nil
			}
		}
		text := a.text(src, r.Pos(), r.End())
		if ret != "" && text != ret {
			return nil
		}
		ret = text
		ctxArg := contextArg(info, c.call)
		if ctxArg == nil {
			return nil
		}
		if t := a.text(src, ctxArg.Pos(), ctxArg.End()); ctxText == "" || t == ctxText {
			ctxText = t
		} else {
			return nil
		}
	}
	start, end := first.stmt.Pos(), last.list[last.index+1].End()
	file := analysisutil.FileOf(a.pass, start)
	if file == nil || taken(a.pass, start, "g", "gctx") {
		return nil
	}
	trailing, ok := a.trailingComments(file, src, chain, start, end)
	if !ok {
		return nil
	}
	pkg, importEdits, ok := analysisutil.ImportName(a.pass, file, "golang.org/x/sync/errgroup", start)
	if !ok {
		return nil
	}
	qualifier := a.qualifier(file)
	indent := strings.Repeat("\t", a.pass.Fset.Position(start).Column-1)
	var decls []string
	var gos bytes.Buffer
	for _, c := range chain {
		as := c.stmt.(*ast.AssignStmt)
		lhs := a.text(src, as.Lhs[0].Pos(), as.Lhs[0].End())
		if id, ok := as.Lhs[0].(*ast.Ident); ok && as.Tok == token.DEFINE && info.Defs[id] != nil {
			if qualifier.bad(info.Defs[id].Type()) {
				return nil
			}
			decls = append(decls, id.Name+" "+types.TypeString(info.Defs[id].Type(), qualifier.name))
		}
		ctxArg := contextArg(info, c.call)
		call := a.text(src, c.call.Pos(), ctxArg.Pos()) + "gctx" + a.text(src, ctxArg.End(), c.call.End())
		fmt.Fprintf(&gos, "%sg.Go(func() (%s error) {\n%s\t%s, %s = %s%s\n%s\treturn %s\n%s})\n",
			indent, errName, indent, lhs, errName, call, trailing[c], indent, errName, indent)
	}
	// The err the first call declared may be used after the chain.
	if id := first.stmt.(*ast.AssignStmt).Lhs[1].(*ast.Ident); first.stmt.(*ast.AssignStmt).Tok == token.DEFINE && info.Defs[id] != nil {
		if usedOutside(info, info.Defs[id], start, end) {
			decls = append(decls, errName+" error")
		}
	}
	var b bytes.Buffer
	switch len(decls) {
	case 0:
	case 1:
		fmt.Fprintf(&b, "var %s\n", decls[0])
	default:
		b.WriteString("var (\n")
		for _, d := range decls {
			fmt.Fprintf(&b, "%s\t%s\n", indent, d)
		}
		fmt.Fprintf(&b, "%s)\n", indent)
	}
	if b.Len() > 0 {
		b.WriteString(indent)
	}
	fmt.Fprintf(&b, "g, gctx := %s.WithContext(%s)\n", pkg, ctxText)
	b.Write(gos.Bytes())
	fmt.Fprintf(&b, "%sif %s := g.Wait(); %s != nil {\n%s\t%s\n%s}", indent, errName, errName, indent, ret, indent)
	edits := append([]analysis.TextEdit{analysisutil.ReplaceSpan(first.stmt, last.list[last.index+1], b.String())}, importEdits...)
	return []analysis.SuggestedFix{{Message: "Run the independent reads concurrently with errgroup.WithContext", TextEdits: edits}}
}

// contextArg returns the call's context.Context argument, or nil.
func contextArg(info *types.Info, call *ast.CallExpr) ast.Expr {
	for _, arg := range call.Args {
		if analysisutil.IsContext(info.TypeOf(arg)) {
			return arg
		}
	}
	return nil
}

func (a *analyzer) source(pos token.Pos) []byte {
	src, err := a.pass.ReadFile(a.pass.Fset.File(pos).Name())
	if err != nil {
		return nil
	}
	return src
}

func (a *analyzer) text(src []byte, from, to token.Pos) string {
	tf := a.pass.Fset.File(from)
	return string(src[tf.Offset(from):tf.Offset(to)])
}

// trailingComments returns the comment at the end of each call's line,
// which the fix keeps beside the call. Any other comment in [from, to)
// would be lost: then ok is false.
func (a *analyzer) trailingComments(file *ast.File, src []byte, chain []*ioCall, from, to token.Pos) (map[*ioCall]string, bool) {
	out := make(map[*ioCall]string)
	for _, g := range file.Comments {
		if g.End() <= from || g.Pos() >= to {
			continue
		}
		var owner *ioCall
		for _, c := range chain {
			if a.pass.Fset.Position(g.Pos()).Line == a.pass.Fset.Position(c.stmt.End()).Line && g.Pos() >= c.stmt.End() {
				owner = c
			}
		}
		if owner == nil {
			return nil, false
		}
		out[owner] = " " + a.text(src, g.Pos(), g.End())
	}
	return out, true
}

// taken reports whether any of names is declared where pos is.
func taken(pass *analysis.Pass, pos token.Pos, names ...string) bool {
	scope := pass.Pkg.Scope().Innermost(pos)
	for _, n := range names {
		if scope == nil {
			return true
		}
		if _, obj := scope.LookupParent(n, pos); obj != nil {
			return true
		}
	}
	return false
}

// usedOutside reports whether obj is used outside [from, to).
func usedOutside(info *types.Info, obj types.Object, from, to token.Pos) bool {
	for id, o := range info.Uses {
		if o == obj && (id.Pos() < from || id.Pos() >= to) {
			return true
		}
	}
	return false
}

// fileQualifier names packages as a file imports them.
type fileQualifier struct {
	self  *types.Package
	names map[string]string // path to name
	miss  bool
}

func (a *analyzer) qualifier(file *ast.File) *fileQualifier {
	q := &fileQualifier{self: a.pass.Pkg, names: make(map[string]string)}
	for _, spec := range file.Imports {
		pn := a.pass.TypesInfo.PkgNameOf(spec)
		if pn == nil || pn.Name() == "_" || pn.Name() == "." {
			continue
		}
		q.names[pn.Imported().Path()] = pn.Name()
	}
	return q
}

func (q *fileQualifier) name(p *types.Package) string {
	if p == q.self {
		return ""
	}
	if n, ok := q.names[p.Path()]; ok {
		return n
	}
	q.miss = true
	return p.Name()
}

// bad reports whether t names a package the file does not import.
func (q *fileQualifier) bad(t types.Type) bool {
	q.miss = false
	types.TypeString(t, q.name)
	return q.miss
}
