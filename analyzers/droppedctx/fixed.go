package droppedctx

import (
	"go/types"
)

// fixedByInterface reports whether the method fn has the name and
// signature of a method of an interface that the package declares or
// imports (sync.Locker's Lock, io.Closer's Close): the interface fixes its
// signature, so it cannot take a context, and neither it nor its callers
// drop one when it makes its own.
func (c *checker) fixedByInterface(fn *types.Func) bool {
	if fn.Signature().Recv() == nil {
		return false
	}
	if c.ifaceMethods == nil {
		c.ifaceMethods = make(map[string][]*types.Signature)
		add := func(scope *types.Scope, exportedOnly bool) {
			for _, name := range scope.Names() {
				tn, ok := scope.Lookup(name).(*types.TypeName)
				if !ok || exportedOnly && !tn.Exported() {
					continue
				}
				it, ok := tn.Type().Underlying().(*types.Interface)
				if !ok {
					continue
				}
				for m := range it.Methods() {
					c.ifaceMethods[m.Name()] = append(c.ifaceMethods[m.Name()], m.Signature())
				}
			}
		}
		add(c.pass.Pkg.Scope(), false)
		for _, imp := range c.pass.Pkg.Imports() {
			add(imp.Scope(), true)
		}
	}
	for _, sig := range c.ifaceMethods[fn.Name()] {
		if sameParamsResults(sig, fn.Signature()) {
			return true
		}
	}
	return false
}

func sameParamsResults(a, b *types.Signature) bool {
	return a.Variadic() == b.Variadic() && types.Identical(a.Params(), b.Params()) && types.Identical(a.Results(), b.Results())
}
