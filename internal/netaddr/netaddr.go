// Package netaddr answers whether an address a program listens on, dials
// or sends a request to is on its own machine: the loopback interface or a
// Unix socket, as far as the code shows (a constant, a host joined with a
// port, a loopback default for an empty host or a flag, a URL).
package netaddr

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/flow"
)

// IsLoopback reports whether addr is a constant address on the loopback
// interface, which only local processes reach (pprof, debug servers).
func IsLoopback(info *types.Info, addr ast.Expr) bool {
	s, ok := constString(info, addr)
	if !ok {
		return false
	}
	host, _, err := net.SplitHostPort(s)
	return err == nil && loopbackHost(host)
}

// constString returns the value of e when it is a constant string.
func constString(info *types.Info, e ast.Expr) (string, bool) {
	tv := info.Types[e]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

func loopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Loopback reports whether addr, used at cur, is on the loopback
// interface by default: a constant loopback address, or one that the
// enclosing function joins (net.JoinHostPort, or fmt.Sprintf("%s:%d", …))
// from a loopback host, or from a host variable it defaults to one when
// it is empty (`if host == "" { host = "localhost" }`, as pprof servers
// do). Exposing such a server is the operator's explicit choice.
func Loopback(info *types.Info, cur inspector.Cursor, addr ast.Expr) bool {
	if IsLoopback(info, addr) || flagDefaultsToLoopback(info, cur, addr) {
		return true
	}
	var fcur inspector.Cursor // the outermost function: a goroutine's literal serves what its declaration built
	for fcur = range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
	}
	if fcur.Node() == nil {
		return false
	}
	addr, ok := onlyValue(info, fcur, addr) // hostPort := net.JoinHostPort(host, port)
	if !ok {
		return false
	}
	if formatsLoopback(info, addr) {
		return true
	}
	host, ok := hostOf(info, addr)
	if !ok {
		return false
	}
	if s, ok := constString(info, host); ok {
		return loopbackHost(s)
	}
	v, ok := localVar(info, host)
	if !ok {
		return false
	}
	if value, ok := onlyValue(info, fcur, host); ok && cliFlagDefaultsToLoopback(info, fcur, value) {
		return true // host := c.String("host"), a flag that defaults to localhost
	}
	return defaultsToLoopback(info, fcur, v)
}

// hostOf returns the host argument of net.JoinHostPort(host, port), of
// fmt.Sprintf("%s:%d", host, port), or of host + ":" + port.
func hostOf(info *types.Info, addr ast.Expr) (ast.Expr, bool) {
	if bin, ok := ast.Unparen(addr).(*ast.BinaryExpr); ok && bin.Op == token.ADD {
		if inner, ok := ast.Unparen(bin.X).(*ast.BinaryExpr); ok && inner.Op == token.ADD {
			if s, ok := constString(info, inner.Y); ok && s == ":" {
				return inner.X, true // host + ":" + port
			}
		}
		if s, ok := constString(info, bin.Y); ok && strings.HasPrefix(s, ":") {
			return bin.X, true // host + ":8080"
		}
		return nil, false
	}
	call, ok := ast.Unparen(addr).(*ast.CallExpr)
	if !ok {
		return nil, false
	}
	fn := analysisutil.Callee(info, call)
	switch {
	case analysisutil.IsFunc(fn, "net", "JoinHostPort") && len(call.Args) == 2:
		return call.Args[0], true
	case analysisutil.IsFunc(fn, "fmt", "Sprintf") && len(call.Args) == 3:
		format, _ := constString(info, call.Args[0]) // "%s:%d": the host, then the port
		if (strings.HasPrefix(format, "%s:") || strings.HasPrefix(format, "%v:")) && strings.Count(format, "%") == 2 {
			return call.Args[1], true
		}
	}
	return nil, false
}

// formatsLoopback reports whether addr is fmt.Sprintf with a constant
// format that names a loopback host before the port's verb
// (fmt.Sprintf("127.0.0.1:%d", port)).
func formatsLoopback(info *types.Info, addr ast.Expr) bool {
	call, ok := ast.Unparen(addr).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 || !analysisutil.IsFunc(analysisutil.Callee(info, call), "fmt", "Sprintf") {
		return false
	}
	format, ok := constString(info, call.Args[0])
	i := strings.LastIndex(format, ":")
	if !ok || i <= 0 || strings.Contains(format[:i], "%") {
		return false
	}
	return loopbackHost(strings.TrimSuffix(strings.TrimPrefix(format[:i], "["), "]"))
}

// onlyValue returns e, or, when e names a local variable, the one value
// the function at fcur ever assigns it; false when it assigns several or
// the variable may change in ways not seen.
func onlyValue(info *types.Info, fcur inspector.Cursor, e ast.Expr) (ast.Expr, bool) {
	v, ok := localVar(info, e)
	if !ok {
		return e, true
	}
	if fcur.Node() == nil {
		return nil, false
	}
	values, all := flow.AssignedValues(info, fcur, v)
	if !all || len(values) != 1 {
		return nil, false
	}
	return values[0], true
}

// localVar returns the local variable that e names.
func localVar(info *types.Info, e ast.Expr) (*types.Var, bool) {
	v, ok := analysisutil.IdentObject(info, e).(*types.Var)
	if !ok || v.IsField() || v.Parent() == nil || analysisutil.PackageLevel(v) {
		return nil, false
	}
	return v, true
}

// defaultsToLoopback reports whether the function at fcur gives the host
// variable v a loopback default: `if v == "" { v = "localhost" }`.
func defaultsToLoopback(info *types.Info, fcur inspector.Cursor, v *types.Var) bool {
	for icur := range fcur.Preorder((*ast.IfStmt)(nil)) {
		ifs := icur.Node().(*ast.IfStmt)
		cond, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if !ok || cond.Op != token.EQL || analysisutil.IdentObject(info, cond.X) != v {
			continue
		}
		if s, ok := constString(info, cond.Y); !ok || s != "" {
			continue
		}
		for _, stmt := range ifs.Body.List {
			as, ok := stmt.(*ast.AssignStmt)
			if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 || analysisutil.IdentObject(info, as.Lhs[0]) != v {
				continue
			}
			if s, ok := constString(info, as.Rhs[0]); ok && loopbackHost(s) {
				return true
			}
		}
	}
	return false
}

// flagDefaultsToLoopback reports whether addr is a variable or field that
// a command-line flag of the package sets, with a loopback default
// (fs.StringVar(&args.listen, "listen", "127.0.0.1:8384", …), or *p for
// p := flag.String(…)): listening elsewhere is the operator's choice.
func flagDefaultsToLoopback(info *types.Info, cur inspector.Cursor, addr ast.Expr) bool {
	e := ast.Unparen(addr)
	star, isStar := e.(*ast.StarExpr)
	if isStar {
		e = star.X
	}
	target := analysisutil.ObjectOf(info, e)
	if target == nil || !cur.Valid() {
		return false
	}
	for ccur := range cur.Inspector().Root().Preorder((*ast.CallExpr)(nil)) {
		call := ccur.Node().(*ast.CallExpr)
		fn := analysisutil.Callee(info, call)
		if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "flag" && fn.Pkg().Path() != "github.com/spf13/pflag" {
			continue
		}
		var bound types.Object
		var def ast.Expr
		switch {
		case !isStar && (fn.Name() == "StringVar" && len(call.Args) == 4 || fn.Name() == "StringVarP" && len(call.Args) == 5):
			if u, ok := ast.Unparen(call.Args[0]).(*ast.UnaryExpr); ok && u.Op == token.AND {
				bound, def = analysisutil.ObjectOf(info, u.X), call.Args[len(call.Args)-2]
			}
		case isStar && (fn.Name() == "String" && len(call.Args) == 3 || fn.Name() == "StringP" && len(call.Args) == 4):
			if as, ok := ccur.Parent().Node().(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
				bound, def = analysisutil.ObjectOf(info, as.Lhs[0]), call.Args[len(call.Args)-2]
			} else if vs, ok := ccur.Parent().Node().(*ast.ValueSpec); ok && len(vs.Names) == 1 && len(vs.Values) == 1 {
				bound, def = info.Defs[vs.Names[0]], call.Args[len(call.Args)-2]
			}
		}
		if bound == target {
			return IsLoopback(info, def)
		}
	}
	return false
}

// cliFlagDefaultsToLoopback reports whether value reads a string flag of
// an urfave/cli command (c.String("host")) that the package declares with
// a loopback default (&cli.StringFlag{Name: "host", Value: "localhost"}).
func cliFlagDefaultsToLoopback(info *types.Info, cur inspector.Cursor, value ast.Expr) bool {
	call, ok := ast.Unparen(value).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	fn := analysisutil.Callee(info, call)
	name, ok := constString(info, call.Args[0])
	if !ok || fn == nil || fn.Name() != "String" || fn.Pkg() == nil || !strings.HasPrefix(fn.Pkg().Path(), "github.com/urfave/cli") {
		return false
	}
	for lcur := range cur.Inspector().Root().Preorder((*ast.CompositeLit)(nil)) {
		lit := lcur.Node().(*ast.CompositeLit)
		if !analysisutil.IsNamed(info.TypeOf(lit), fn.Pkg().Path(), "StringFlag") {
			continue
		}
		var flagName, def string
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			key, isIdent := kv.Key.(*ast.Ident)
			if !ok || !isIdent {
				continue
			}
			switch key.Name {
			case "Name":
				flagName, _ = constString(info, kv.Value)
			case "Value":
				def, _ = constString(info, kv.Value)
			}
		}
		if flagName == name {
			return loopbackHost(def)
		}
	}
	return false
}

// Local reports whether network and addr, the arguments of a dial or a
// listen at cur, name an endpoint on this machine: a Unix socket, or an
// address on the loopback interface by default (see Loopback).
func Local(info *types.Info, cur inspector.Cursor, network, addr ast.Expr) bool {
	if n, _ := constString(info, network); n == "unix" || n == "unixpacket" || n == "unixgram" {
		return true
	}
	return Loopback(info, cur, addr)
}

// LoopbackURL reports whether rawURL, used at cur, names a host on the
// loopback interface: a constant URL, or fmt.Sprintf with a constant
// format whose host comes before any verb ("http://127.0.0.1:%d/quit"),
// directly or through a local variable assigned once. A request there
// goes to a process on the same machine (the program's own admin port).
func LoopbackURL(info *types.Info, cur inspector.Cursor, rawURL ast.Expr) bool {
	rawURL, ok := onlyValue(info, analysisutil.EnclosingFunc(cur), rawURL)
	if !ok {
		return false
	}
	s, ok := constString(info, rawURL)
	if !ok {
		call, isCall := ast.Unparen(rawURL).(*ast.CallExpr)
		if !isCall || len(call.Args) == 0 || !analysisutil.IsFunc(analysisutil.Callee(info, call), "fmt", "Sprintf") {
			return false
		}
		if s, ok = constString(info, call.Args[0]); !ok {
			return false
		}
	}
	_, rest, ok := strings.Cut(s, "://")
	if !ok {
		return false
	}
	end := strings.IndexAny(rest, "/?#%")
	if end >= 0 && rest[end] == '%' && !strings.HasSuffix(rest[:end], ":") {
		return false // the host itself is formatted in
	}
	if end >= 0 {
		rest = rest[:end]
	}
	host := strings.TrimSuffix(rest, ":")
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return loopbackHost(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
}
