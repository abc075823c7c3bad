package seqio

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
)

// readCall reports whether a call of fn with args (receiver left out)
// reads: an SQL query whose constant text is a SELECT, or an HTTP request
// made with GET or HEAD. Other calls are judged by name alone (readName).
func readCall(fn *types.Func, args []ssa.Value) bool {
	sig := fn.Type().(*types.Signature)
	switch {
	case fn.Pkg().Path() == "database/sql" && sig.Recv() != nil:
		for i := 0; i < sig.Params().Len() && i < len(args); i++ {
			if b, ok := sig.Params().At(i).Type().(*types.Basic); ok && b.Kind() == types.String {
				return readSQL(stringPrefix(args[i]))
			}
		}
		return false // a prepared statement: its text is elsewhere
	case isRequest(fn):
		return len(args) == 1 && readRequest(args[0], 0)
	}
	return true
}

// isRequest reports whether fn sends an *http.Request it is given, whose
// method tells whether it reads.
func isRequest(fn *types.Func) bool {
	return analysisutil.IsMethod(fn, "net/http", "Client", "Do") || analysisutil.IsMethod(fn, "net/http", "Transport", "RoundTrip") ||
		analysisutil.IsMethod(fn, "net/http", "RoundTripper", "RoundTrip")
}

// stringPrefix returns the constant start of a string value.
func stringPrefix(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value != nil && v.Value.Kind() == constant.String {
			return constant.StringVal(v.Value)
		}
	case *ssa.BinOp:
		if v.Op == token.ADD {
			return stringPrefix(v.X)
		}
	}
	return ""
}

// readSQL reports whether query is a statement that only reads.
func readSQL(query string) bool {
	q := strings.ToUpper(query)
	for {
		q = strings.TrimSpace(q)
		if strings.HasPrefix(q, "--") {
			if i := strings.IndexByte(q, '\n'); i >= 0 {
				q = q[i+1:]
				continue
			}
			return false
		}
		if strings.HasPrefix(q, "/*") {
			if i := strings.Index(q, "*/"); i >= 0 {
				q = q[i+2:]
				continue
			}
			return false
		}
		break
	}
	if !strings.HasPrefix(q, "SELECT") && !strings.HasPrefix(q, "WITH") {
		return false
	}
	words := strings.FieldsFunc(q, func(r rune) bool { return !(r >= 'A' && r <= 'Z' || r == '_') })
	for i, w := range words {
		switch w {
		case "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "NEXTVAL", "SETVAL", "LOCK", "INTO":
			return false
		case "SHARE", "NOWAIT":
			if i > 0 && words[i-1] == "FOR" {
				return false
			}
		}
	}
	return true
}

// readRequest reports whether the *http.Request v is built with a
// constant GET or HEAD method.
func readRequest(v ssa.Value, depth int) bool {
	if depth > 4 {
		return false
	}
	call, ok := v.(*ssa.Extract)
	var common *ssa.CallCommon
	if ok {
		if c, ok := call.Tuple.(*ssa.Call); ok {
			common = c.Common()
		}
	} else if c, ok := v.(*ssa.Call); ok {
		common = c.Common()
	}
	if common == nil {
		return false
	}
	fn := common.StaticCallee()
	if fn == nil || fn.Object() == nil {
		return false
	}
	obj, _ := fn.Object().(*types.Func)
	switch {
	case analysisutil.IsFunc(obj, "net/http", "NewRequest"):
		return readMethod(common.Args[0])
	case analysisutil.IsFunc(obj, "net/http", "NewRequestWithContext"):
		return readMethod(common.Args[1])
	case analysisutil.IsMethod(obj, "net/http", "Request", "WithContext", "Clone"):
		return readRequest(common.Args[0], depth+1)
	}
	return false
}

func readMethod(v ssa.Value) bool {
	switch stringPrefix(v) {
	case "GET", "HEAD", "OPTIONS":
		return true
	}
	return false
}

// safeAlone reports whether c may run beside other calls as far as its
// own receiver and context tell: no transaction, session, connection or
// stream receiver, no context that may carry a transaction, and, for a
// function that takes a context, a handler's request context.
func (f *fnModel) safeAlone(c *ioCall) bool {
	bc := c.ssa
	if bc.recv != nil {
		if neverShared(bc.recv.Type()) {
			return false
		}
		if sig := c.callee.Type().(*types.Signature); sig.Recv() != nil && neverShared(sig.Recv().Type()) {
			return false
		}
		if f.rootKind(bc.recv) == 'x' && !catalog.ConcurrentSafe(bc.recv.Type()) {
			return false // a value some call returned: maybe the same session each time
		}
	}
	if bc.ctx == nil {
		return true
	}
	tx, request := f.ctxOrigin(bc.ctx, 0)
	if tx {
		return false
	}
	return bc.recv != nil || request
}

// canShare reports whether a and b can run at once as far as their
// receivers tell: different ones, or one that is safe for concurrent use
// (by its documentation, or a client of this package that never writes
// its fields).
func (f *fnModel) canShare(a, b *ioCall) bool {
	ra, rb := a.ssa.recv, b.ssa.recv
	if ra == nil || rb == nil || f.path(ra) != f.path(rb) {
		return true
	}
	if catalog.ConcurrentSafe(ra.Type()) || f.a.readOnlyClient(ra.Type()) {
		return true
	}
	// A field of a handler's receiver (or a package variable) is used by
	// every request at once already, as is a field of the receiver of a
	// method whose type serves requests with other methods.
	p := f.path(ra)
	if !strings.Contains(p, "->f") || !f.a.handler(f.fcur) && !f.a.servesRequests(f.fn.Signature.Recv()) {
		return false
	}
	switch p[0] {
	case 'g', 'f':
		return true
	case 'p':
		return f.fn.Signature.Recv() != nil && len(f.fn.Params) > 0 && strings.HasPrefix(p, f.path(f.fn.Params[0])+"->")
	}
	return false
}

// neverShared reports whether t is one session with its server, used by
// one goroutine at a time: *sql.Tx, *sql.Conn, and types named as a
// transaction, session, connection, stream, batch, cursor or builder.
func neverShared(t types.Type) bool {
	if catalog.ConcurrentSafe(t) {
		return false
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	for _, w := range analysisutil.CamelWords(named.Obj().Name()) {
		switch w {
		case "tx", "txn", "transaction", "session", "sess", "conn", "connection", "stream", "pipeline", "pipe",
			"batch", "cursor", "iter", "iterator", "rows", "builder", "stmt", "statement":
			return true
		}
	}
	return false
}

// servesRequests reports whether recv is the receiver of a type of this
// package that has a request handler method (ServeHTTP, or a method a
// router registers): concurrent requests share its fields already.
func (a *analyzer) servesRequests(recv *types.Var) bool {
	if recv == nil {
		return false
	}
	named, ok := a.localNamed(recv.Type())
	if !ok {
		return false
	}
	if serves, ok := a.serving[named]; ok {
		return serves
	}
	if a.serving == nil {
		a.serving = make(map[*types.Named]bool)
	}
	serves := false
	for _, file := range a.pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || serves {
				continue
			}
			fn, _ := a.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if model := a.sc.Func(fd); fn != nil && model != nil && model.Kind.IsHandler() {
				serves = isOf(fn.Type().(*types.Signature).Recv().Type(), named, false)
			}
		}
	}
	a.serving[named] = serves
	return serves
}

// handler reports whether the function at fcur serves a request.
func (a *analyzer) handler(fcur interface{ Node() ast.Node }) bool {
	fn := a.sc.Func(fcur.Node())
	return fn != nil && fn.Kind.IsHandler()
}

// ctxOrigin follows a context value back to where it comes from: tx when
// it may carry a transaction (a callback's parameter, the result of a
// Tx, Transaction or Session helper, a value of such a type added with
// WithValue), request when it is a request handler's.
func (f *fnModel) ctxOrigin(v ssa.Value, depth int) (tx, request bool) {
	if depth > 8 {
		return false, false
	}
	switch v := v.(type) {
	case *ssa.Parameter:
		fn := v.Parent()
		if fn.Parent() != nil { // a function literal's parameter: a callback's context
			return !f.a.handler(syntaxNode{fn}), f.a.handler(syntaxNode{fn})
		}
		return false, f.a.handler(syntaxNode{fn}) || carriesRequest(v.Type(), 0)
	case *ssa.MakeInterface:
		return f.ctxOrigin(v.X, depth+1)
	case *ssa.ChangeInterface:
		return f.ctxOrigin(v.X, depth+1)
	case *ssa.ChangeType:
		return f.ctxOrigin(v.X, depth+1)
	case *ssa.Phi:
		request = true
		for _, e := range v.Edges {
			t, r := f.ctxOrigin(e, depth+1)
			tx, request = tx || t, request && r
		}
		return tx, request
	case *ssa.Extract:
		return f.ctxOrigin(v.Tuple, depth+1)
	case *ssa.Call:
		return f.callCtxOrigin(v.Common(), depth)
	}
	return false, false
}

func (f *fnModel) callCtxOrigin(common *ssa.CallCommon, depth int) (tx, request bool) {
	var obj *types.Func
	if common.IsInvoke() {
		obj = common.Method
	} else if fn := common.StaticCallee(); fn != nil {
		obj, _ = fn.Object().(*types.Func)
	}
	if obj == nil {
		return true, false // a function value: cannot tell
	}
	switch {
	case analysisutil.IsFunc(obj, "context", "Background", "TODO"):
		return false, false
	case analysisutil.IsMethod(obj, "net/http", "Request", "Context"):
		return false, true
	case analysisutil.IsFunc(obj, "context", "WithValue"):
		if len(common.Args) == 3 && neverShared(valueType(common.Args[2])) {
			return true, false
		}
	}
	for _, w := range analysisutil.CamelWords(obj.Name()) {
		switch w {
		case "tx", "txn", "transaction", "session", "begin", "atomic":
			return true, false
		}
	}
	args := common.Args
	if !common.IsInvoke() && common.Signature().Recv() != nil && len(args) > 0 {
		args = args[1:]
	}
	for _, arg := range args {
		if analysisutil.IsContext(arg.Type()) || analysisutil.IsContext(types.NewPointer(arg.Type())) {
			return f.ctxOrigin(arg, depth+1)
		}
	}
	return false, false // a stream's or command's Context(), a tracer's span context
}

// carriesRequest reports whether t is a framework's request context: a
// pointer to a struct that holds the *http.Request it serves, itself or
// in a struct it embeds (gitea's *context.Context, *APIContext).
func carriesRequest(t types.Type, depth int) bool {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok || depth > 2 {
		return false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for field := range st.Fields() {
		if analysisutil.IsPointerTo(field.Type(), "net/http", "Request") {
			return true
		}
		if field.Embedded() && carriesRequest(field.Type(), depth+1) {
			return true
		}
	}
	return false
}

// valueType is the dynamic type of v when it was made an interface here.
func valueType(v ssa.Value) types.Type {
	if mi, ok := v.(*ssa.MakeInterface); ok {
		return mi.X.Type()
	}
	return v.Type()
}

// syntaxNode adapts an SSA function to the scope model's lookup.
type syntaxNode struct{ fn *ssa.Function }

func (s syntaxNode) Node() ast.Node { return s.fn.Syntax() }
