package unboundedgo

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
	"github.com/conclint/conclint/internal/flow"
)

// provenanceDepth bounds the calls and callers dataSized looks through.
const provenanceDepth = 6

// dataSized reports whether the collection x holds as many items as data
// sends it: there is positive evidence that it comes, through the
// function's locals, the arguments of this package's callers or the
// results of calls, from
//
//   - a request: a parameter of a request handler (the *http.Request, a
//     gin or echo context, a gRPC request or stream) or anything derived
//     from it (r.URL.Query(), a body decoded into a local);
//   - with -unboundedgo.data only (c.roundTrips), a network or database
//     round trip: the result of a call that does one (the blocking facts,
//     the catalogue, or a call with a context through an interface or a
//     func value), or a local such a call, or a decoder or rows.Scan
//     reading its response, fills;
//   - a queue: a value received from a channel.
//
// The deployment and the code bound the rest, whatever flows into them:
// anything named or typed as part of a cluster (nodes, peers, members,
// shards, replicas, servers, endpoints, targets, …) or as configuration
// (cfg, options, a Config() provider, flag.Args), the receiver's state,
// package-level variables, literals, and lists of funcs or interface
// implementations (code, not data). Without evidence either way a
// collection is not reported: a parameter of a library function is as
// big as its callers make it.
func (c *checker) dataSized(sp spawn, x ast.Expr) bool {
	t := c.pass.TypesInfo.TypeOf(x)
	if t == nil {
		return false
	}
	if isArray(t) {
		return false // as long as its type says
	}
	for _, et := range elemTypes(t) {
		if isComponent(et) || infraType(et) {
			return false
		}
	}
	if _, isChan := t.Underlying().(*types.Chan); isChan {
		return true // a queue: as many values as its senders send
	}
	return c.fromData(outermost(sp.cur), x, provenanceDepth)
}

// elemTypes returns the element type of a slice, array, pointer to array
// or channel, and the key and element types of a map.
func elemTypes(t types.Type) []types.Type {
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return []types.Type{u.Elem()}
	case *types.Array:
		return []types.Type{u.Elem()}
	case *types.Chan:
		return []types.Type{u.Elem()}
	case *types.Map:
		return []types.Type{u.Key(), u.Elem()}
	case *types.Pointer:
		return elemTypes(u.Elem())
	}
	return nil
}

func isArray(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	_, ok := t.Underlying().(*types.Array)
	return ok
}

// fromData reports whether an origin of e in region is data (see
// dataSized).
func (c *checker) fromData(region inspector.Cursor, e ast.Expr, depth int) bool {
	return c.fieldFromData(region, e, nil, depth)
}

// fieldFromData is fromData for the fields pending of e's value (cfg.Peers
// traced to a caller's &config{Peers: …}).
func (c *checker) fieldFromData(region inspector.Cursor, e ast.Expr, pending []string, depth int) bool {
	if depth == 0 || !region.Valid() {
		return false
	}
	found := false
	flow.OriginsAlong(c.pass.TypesInfo, region, e, pending, func(og flow.Origin) bool {
		if boundedNames(og.Path) {
			return true // this way comes from the deployment or the configuration
		}
		if c.originData(region, og, depth) {
			found = true
			return false
		}
		return true
	})
	return found
}

func (c *checker) originData(region inspector.Cursor, og flow.Origin, depth int) bool {
	switch og.Kind {
	case flow.Param:
		return c.paramData(og, depth)
	case flow.Received:
		return true // a queue
	case flow.Ranged:
		if t := c.pass.TypesInfo.TypeOf(og.Expr); t != nil {
			if _, isChan := t.Underlying().(*types.Chan); isChan {
				return true
			}
		}
		return c.fromData(region, og.Expr, depth-1) // an item of data, or a part of one
	case flow.Repeated:
		return c.loopData(region, og.Loop, depth)
	case flow.Result:
		return c.callData(region, og.Call, nil, depth)
	case flow.Filled:
		return c.callData(region, og.Call, og.Var, depth)
	}
	return false // the receiver's state, package-level variables, literals, what it cannot see
}

// loopData reports whether loop passes once per item of data: it ranges
// over data or a channel, counts up to the length of data, or its
// condition steps through data (rows.Next(), sc.Scan()).
func (c *checker) loopData(region inspector.Cursor, loop ast.Node, depth int) bool {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		t := c.pass.TypesInfo.TypeOf(l.X)
		if t == nil {
			return false
		}
		switch t.Underlying().(type) {
		case *types.Chan:
			return true
		case *types.Basic:
			if call, ok := ast.Unparen(l.X).(*ast.CallExpr); ok {
				if x, ok := c.lenOperand(call); ok {
					return c.fromData(region, x, depth-1)
				}
			}
			return false
		}
		return c.fromData(region, l.X, depth-1)
	case *ast.ForStmt:
		switch cond := ast.Unparen(l.Cond).(type) {
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(cond.Fun).(*ast.SelectorExpr); ok {
				if s, ok := c.pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.MethodVal {
					return c.fromData(region, sel.X, depth-1)
				}
			}
		case *ast.BinaryExpr:
			for _, side := range []ast.Expr{cond.X, cond.Y} {
				if call, ok := ast.Unparen(side).(*ast.CallExpr); ok {
					if x, ok := c.lenOperand(call); ok && c.fromData(region, x, depth-1) {
						return true
					}
				}
			}
		}
	}
	return false
}

// paramData reports whether the parameter of og is a request handler's
// request, or receives data from a caller in this package.
func (c *checker) paramData(og flow.Origin, depth int) bool {
	if isContextOrWriter(og.Var.Type()) {
		return false
	}
	if fn := c.scope.Func(og.Func); fn != nil && fn.Kind.IsHandler() {
		return true // the request
	}
	decl, ok := og.Func.(*ast.FuncDecl)
	if !ok {
		return false
	}
	f, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok {
		return false
	}
	index, variadic := paramIndex(decl, og.Var)
	if index < 0 {
		return false
	}
	for _, call := range c.callers()[f] {
		args := call.Node().(*ast.CallExpr).Args
		for i := index; i < len(args); i++ {
			if c.fieldFromData(outermost(call), args[i], og.Pending, depth-1) {
				return true
			}
			if !variadic {
				break
			}
		}
	}
	return false
}

// paramIndex returns the place of v among decl's parameters, and whether
// it is the variadic one.
func paramIndex(decl *ast.FuncDecl, v *types.Var) (int, bool) {
	i := 0
	for _, field := range decl.Type.Params.List {
		_, variadic := field.Type.(*ast.Ellipsis)
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, name := range field.Names {
			if name.Pos() == v.Pos() {
				return i, variadic
			}
			i++
		}
	}
	return -1, false
}

// callers returns, for each function of this package, the calls of it in
// this package, computed once per pass.
func (c *checker) callers() map[*types.Func][]inspector.Cursor {
	if c.callSites != nil {
		return c.callSites
	}
	c.callSites = make(map[*types.Func][]inspector.Cursor)
	for cur := range c.insp.Root().Preorder((*ast.CallExpr)(nil)) {
		if fn := analysisutil.Callee(c.pass.TypesInfo, cur.Node().(*ast.CallExpr)); fn != nil && fn.Pkg() == c.pass.Pkg {
			c.callSites[fn.Origin()] = append(c.callSites[fn.Origin()], cur)
		}
	}
	return c.callSites
}

// callData reports whether the result of call, or what it fills into
// filled, is data: the call makes a network or database round trip (a
// listing, a query, a fetch), or it reads, decodes or transforms data
// (its receiver or an argument is data: r.URL.Query(),
// json.NewDecoder(r.Body).Decode(&req), rows.Scan(&id), groupBySlot(keys)).
// Settings (flag.Args, cfg.Peers(), a Config() provider) and calls named
// for a cluster's parts (c.Nodes(ctx)) are not.
func (c *checker) callData(region inspector.Cursor, call *ast.CallExpr, filled *types.Var, depth int) bool {
	fn := analysisutil.Callee(c.pass.TypesInfo, call)
	if analysisutil.IsFunc(fn, "flag", "Args") || analysisutil.IsMethod(fn, "flag", "FlagSet", "Args") {
		return false // the command line
	}
	sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if isSel && namesConfig(sel.X) {
		return false // h.r.Config().WellKnownKeys(ctx): a setting
	}
	if fn != nil && boundedNames([]string{fn.Name()}) {
		return false // client.Members(ctx), state.Nodes()
	}
	if c.roundTrip(call, fn, workDepth) {
		return c.roundTrips // what the remote holds, whatever the request asked: opt-in
	}
	if isSel {
		if s, ok := c.pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.MethodVal && c.fromData(region, sel.X, depth-1) {
			return true // a method of data: r.URL.Query(), req.GetItems()
		}
	}
	for _, arg := range call.Args {
		if isContextOrWriter(c.pass.TypesInfo.TypeOf(arg)) || filled != nil && refersTo(c.pass.TypesInfo, arg, filled) {
			continue
		}
		if c.fromData(region, arg, depth-1) {
			return true
		}
	}
	return false
}

// roundTrip reports whether call makes a network or database round trip:
// the catalogue or the blocking facts say so, or it hands a context to a
// callee the model cannot see into (an interface method or a func value:
// a client behind an interface), logging aside, or it is a function of
// this package whose body makes one, looking depth calls deep.
func (c *checker) roundTrip(call *ast.CallExpr, fn *types.Func, depth int) bool {
	if fn == nil {
		return c.passesContext(call)
	}
	if catalog.IsNetworkIO(fn) {
		return true
	}
	if f := c.blocking.FactOf(fn); f != nil && f.IO != nil {
		return true
	}
	if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return c.passesContext(call) && !catalog.IsLogging(fn)
	}
	if decl := c.decls[fn.Origin()]; decl != nil && depth > 1 {
		found := false
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && !found {
				found = c.roundTrip(call, analysisutil.Callee(c.pass.TypesInfo, call), depth-1)
			}
			return !found
		})
		return found
	}
	return false
}

// refersTo reports whether e is v or &v, possibly with fields selected.
func refersTo(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := analysisutil.RootOperand(e, false).(*ast.Ident)
	return ok && info.ObjectOf(id) == v
}

// isContextOrWriter reports whether t is a context or an
// http.ResponseWriter: parameters a handler has besides its request.
func isContextOrWriter(t types.Type) bool {
	return t != nil && (analysisutil.IsContext(t) || analysisutil.IsNamed(t, "net/http", "ResponseWriter"))
}

// boundedWords are words of names that say a collection is as big as the
// deployment or the configuration: the parts of a cluster, the addresses
// of its peers, settings.
var boundedWords = map[string]bool{
	"node": true, "nodes": true, "peer": true, "peers": true, "member": true, "members": true,
	"shard": true, "shards": true, "replica": true, "replicas": true, "server": true, "servers": true,
	"endpoint": true, "endpoints": true, "target": true, "targets": true, "master": true, "masters": true,
	"slave": true, "slaves": true, "broker": true, "brokers": true, "cluster": true, "clusters": true,
	"upstream": true, "upstreams": true, "backend": true, "backends": true, "host": true, "hosts": true,
	"addr": true, "addrs": true, "address": true, "addresses": true, "listener": true, "listeners": true,
	"partition": true, "partitions": true, "region": true, "regions": true, "zone": true, "zones": true,
	"config": true, "configuration": true, "cfg": true, "conf": true, "options": true, "opts": true,
	"settings": true, "flags": true,
}

// boundedNames reports whether a word of one of names says the
// collection is as big as the deployment or the configuration.
func boundedNames(names []string) bool {
	for _, name := range names {
		for _, w := range analysisutil.CamelWords(name) {
			if boundedWords[w] {
				return true
			}
		}
	}
	return false
}

// infraType reports whether t (or what it points to) is a named type of a
// cluster's parts: *clusterNode, Peer, ShardInfo.
func infraType(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && boundedNames([]string{n.Obj().Name()})
}

// configNames name values that hold a program's configuration.
var configNames = map[string]bool{
	"config": true, "configuration": true, "cfg": true, "conf": true,
	"options": true, "opts": true, "settings": true,
}

// namesConfig reports whether x is a configuration: a variable, field or
// accessor named like config, cfg or options (s.cfg, h.r.Config()).
func namesConfig(x ast.Expr) bool {
	switch e := ast.Unparen(x).(type) {
	case *ast.CallExpr:
		if len(e.Args) == 0 {
			return namesConfig(e.Fun)
		}
	case *ast.SelectorExpr:
		return configNames[strings.ToLower(e.Sel.Name)]
	case *ast.Ident:
		return configNames[strings.ToLower(e.Name)]
	}
	return false
}
