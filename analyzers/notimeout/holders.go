package notimeout

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/flow"
)

// holders groups everything that may hold the same *http.Server or
// *http.Client in a package: the literals that build one, the variables,
// struct fields and parameters it is assigned or passed to. It is a
// union-find over keys, which are a types.Object (variable, field,
// parameter) or an ast.Node (a literal, new(T), an http.DefaultClient
// reference). Merging every place a value may reach keeps the answers
// conservative: a timeout set on any member counts for all.
type holders struct {
	info   *types.Info
	pkg    *types.Package
	typed  map[ast.Expr]bool    // the expressions of a tracked type
	skip   func(token.Pos) bool // files whose serving and sending do not count (tests)
	parent map[any]any

	serves  map[any]token.Pos          // a serving method used on the key
	sets    map[any]map[string]bool    // timeout fields assigned on the key
	escapes map[any]bool               // passed where the package cannot see
	names   map[any]string             // how users name a field or variable holding it
	sends   map[any][]inspector.Cursor // client calls that send a request through the key
}

func newHolders(info *types.Info, pkg *types.Package, skip func(token.Pos) bool) *holders {
	return &holders{
		info: info, pkg: pkg, typed: trackedExprs(info), skip: skip, parent: make(map[any]any), sends: make(map[any][]inspector.Cursor),
		serves: make(map[any]token.Pos), sets: make(map[any]map[string]bool),
		escapes: make(map[any]bool), names: make(map[any]string),
	}
}

func (h *holders) find(k any) any {
	for {
		p, ok := h.parent[k]
		if !ok || p == k {
			return k
		}
		if gp, ok := h.parent[p]; ok {
			h.parent[k] = gp
		}
		k = p
	}
}

func (h *holders) union(a, b any) {
	for _, k := range []any{a, b} {
		if _, ok := h.parent[k]; !ok {
			h.parent[k] = k
		}
	}
	ra, rb := h.find(a), h.find(b)
	if ra != rb {
		h.parent[ra] = rb
	}
}

// tracked reports whether values of type t are what the holders follow.
func tracked(t types.Type) bool {
	return t != nil && (analysisutil.IsNamed(t, "net/http", "Server") || analysisutil.IsNamed(t, "net/http", "Client"))
}

// trackedExprs returns the expressions whose TypeOf is tracked, from one
// pass over the type checker's records: asking TypeOf of every expression
// the walk meets is one or two lookups in maps as large as the package,
// most of notimeout's cost on a large one.
func trackedExprs(info *types.Info) map[ast.Expr]bool {
	out := make(map[ast.Expr]bool)
	for e, tv := range info.Types {
		if tracked(tv.Type) {
			out[e] = true
		}
	}
	// An identifier the type checker recorded no type for has its object's.
	for _, objs := range []map[*ast.Ident]types.Object{info.Defs, info.Uses} {
		for id, obj := range objs {
			if obj != nil && tracked(obj.Type()) && info.ObjectOf(id) == obj {
				if _, recorded := info.Types[id]; !recorded {
					out[id] = true
				}
			}
		}
	}
	return out
}

// key returns what e stands for in the holders, or nil.
func (h *holders) key(e ast.Expr) any {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return h.key(x.X)
		}
	case *ast.StarExpr:
		return h.key(x.X)
	case *ast.CompositeLit:
		return x
	case *ast.CallExpr:
		if flow.IsNew(h.info, x) {
			return x
		}
		if fn := h.local(x); fn != nil {
			return result{fn, 0}
		}
	case *ast.Ident:
		if v, ok := h.info.ObjectOf(x).(*types.Var); ok {
			return v
		}
	case *ast.SelectorExpr:
		if isDefaultClient(h.info, x) {
			return x // each use of http.DefaultClient is its own origin
		}
		if sel, ok := h.info.Selections[x]; ok {
			if sel.Kind() == types.FieldVal {
				return sel.Obj()
			}
			return nil
		}
		if v, ok := h.info.Uses[x.Sel].(*types.Var); ok {
			return v // a package-qualified variable
		}
	}
	return nil
}

// group is what the holders know of one origin, its members merged.
type group struct {
	serves  token.Pos // a serving call or method value, or NoPos
	sets    map[string]bool
	escapes bool
	stored  string // a package variable or struct field that holds it (the least name of several), or ""
	sends   []inspector.Cursor
}

// summarize merges what the holders recorded, by group.
func (h *holders) summarize() map[any]*group {
	groups := make(map[any]*group)
	get := func(k any) *group {
		r := h.find(k)
		g := groups[r]
		if g == nil {
			g = &group{sets: make(map[string]bool)}
			groups[r] = g
		}
		return g
	}
	for k, pos := range h.serves {
		if g := get(k); !g.serves.IsValid() || pos < g.serves {
			g.serves = pos
		}
	}
	for k, fields := range h.sets {
		g := get(k)
		for name := range fields {
			g.sets[name] = true
		}
	}
	for k := range h.escapes {
		get(k).escapes = true
	}
	for k, sends := range h.sends {
		g := get(k)
		g.sends = append(g.sends, sends...)
	}
	for k := range h.parent {
		if v, ok := k.(*types.Var); ok && analysisutil.Lasting(v) {
			if v.Exported() && h.pkg.Name() != "main" {
				get(k).escapes = true // importers may configure it (echo's e.Server.ReadTimeout = …)
			}
			name := h.names[k]
			if name == "" {
				name = v.Name()
			}
			if g := get(k); g.stored == "" || name < g.stored {
				g.stored = name // the least name, so that maps' order does not pick it
			}
		}
	}
	return groups
}

// of returns the group of k.
func (h *holders) of(groups map[any]*group, k any) *group {
	if g, ok := groups[h.find(k)]; ok {
		return g
	}
	return &group{sets: map[string]bool{}}
}

func isDefaultClient(info *types.Info, sel *ast.SelectorExpr) bool {
	v, ok := info.Uses[sel.Sel].(*types.Var)
	return ok && v.Name() == "DefaultClient" && v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Parent() == v.Pkg().Scope()
}

// typeName renders a named type (or pointer to one) as Name.
func typeName(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return "struct"
}
