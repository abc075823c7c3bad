package seqio

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/analysisutil"
)

// runsAfter reports whether b runs whenever a succeeds: both are
// statements of one block, and nothing between them (nor a's if-statement
// body) leaves the block except on an error, under `if err != nil`.
func runsAfter(info *types.Info, a, b *ioCall) bool {
	if len(a.list) == 0 || len(b.list) != len(a.list) || &a.list[0] != &b.list[0] || a.index >= b.index {
		return false
	}
	if _, ok := a.stmt.(*ast.ReturnStmt); ok {
		return false
	}
	region := a.list[a.index+1 : b.index]
	if ifs, ok := a.stmt.(*ast.IfStmt); ok {
		region = append([]ast.Stmt{ifs}, region...)
	}
	x := &exitFinder{info: info, labels: make(map[string]bool)}
	for _, s := range region {
		ast.Inspect(s, func(n ast.Node) bool {
			if l, ok := n.(*ast.LabeledStmt); ok {
				x.labels[l.Label.Name] = true
			}
			_, lit := n.(*ast.FuncLit)
			return !lit
		})
	}
	for _, s := range region {
		x.stmt(s, false, false, false)
	}
	return !x.found
}

// exitFinder looks for a way out of a region of statements: a return,
// goto, break or continue to outside it, or a call that never returns,
// other than on an error path.
type exitFinder struct {
	info   *types.Info
	labels map[string]bool // labels declared inside the region
	found  bool
}

func (x *exitFinder) stmt(s ast.Stmt, onError, breakOK, continueOK bool) {
	if x.found || s == nil {
		return
	}
	switch s := s.(type) {
	case *ast.ReturnStmt:
		x.found = !onError
	case *ast.BranchStmt:
		switch {
		case s.Tok == token.GOTO:
			x.found = !onError
		case s.Label != nil:
			x.found = !onError && !x.labels[s.Label.Name]
		case s.Tok == token.BREAK:
			x.found = !onError && !breakOK
		case s.Tok == token.CONTINUE:
			x.found = !onError && !continueOK
		}
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok && x.noReturn(call) {
			x.found = !onError
		}
	case *ast.LabeledStmt:
		x.stmt(s.Stmt, onError, breakOK, continueOK)
	case *ast.BlockStmt:
		x.list(s.List, onError, breakOK, continueOK)
	case *ast.IfStmt:
		x.stmt(s.Init, onError, breakOK, continueOK)
		x.stmt(s.Body, onError || isErrCheck(x.info, s.Cond), breakOK, continueOK)
		x.stmt(s.Else, onError, breakOK, continueOK)
	case *ast.ForStmt:
		x.stmt(s.Body, onError, true, true)
	case *ast.RangeStmt:
		x.stmt(s.Body, onError, true, true)
	case *ast.SwitchStmt:
		x.stmt(s.Init, onError, breakOK, continueOK)
		for _, c := range s.Body.List {
			x.list(c.(*ast.CaseClause).Body, onError, true, continueOK)
		}
	case *ast.TypeSwitchStmt:
		x.stmt(s.Init, onError, breakOK, continueOK)
		for _, c := range s.Body.List {
			x.list(c.(*ast.CaseClause).Body, onError, true, continueOK)
		}
	case *ast.SelectStmt:
		for _, c := range s.Body.List {
			x.list(c.(*ast.CommClause).Body, onError, true, continueOK)
		}
	}
}

func (x *exitFinder) list(stmts []ast.Stmt, onError, breakOK, continueOK bool) {
	for _, s := range stmts {
		x.stmt(s, onError, breakOK, continueOK)
	}
}

// noReturn reports whether call ends the goroutine or the program:
// panic, os.Exit, runtime.Goexit, and Fatal or Panic methods and
// functions of loggers.
func (x *exitFinder) noReturn(call *ast.CallExpr) bool {
	if analysisutil.IsBuiltin(x.info, call, "panic") {
		return true
	}
	fn := analysisutil.Callee(x.info, call)
	if fn == nil {
		return false
	}
	return analysisutil.IsFunc(fn, "os", "Exit") || analysisutil.IsFunc(fn, "runtime", "Goexit") ||
		strings.HasPrefix(fn.Name(), "Fatal") || strings.HasPrefix(fn.Name(), "Panic") || fn.Name() == "Exit"
}

// isErrCheck reports whether cond is `e != nil` for an error e.
func isErrCheck(info *types.Info, cond ast.Expr) bool {
	bin, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || bin.Op != token.NEQ {
		return false
	}
	x, y := ast.Unparen(bin.X), ast.Unparen(bin.Y)
	if isNil(info, x) {
		x, y = y, x
	}
	return isNil(info, y) && analysisutil.IsError(info.TypeOf(x))
}

func isNil(info *types.Info, e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}
