package blocking

import (
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/directive"
	"github.com/conclint/conclint/internal/pools"
)

// The pool makers of a package (pools.Finder) travel as pools.MakesPool
// facts of this analyzer, beside its blocking facts: golangci-lint writes
// a cache entry per package for every analyzer with facts, dependencies
// and the standard library included, so the suite keeps to one such
// analyzer. They are found with poolperrequest's default options:
// constructors it is told of with -poolperrequest.constructors make
// makers within the package it checks, not across packages.

// exportMakers exports the makers of the package.
func (in *Info) exportMakers(insp *inspector.Inspector) {
	pass := in.pass
	if in.std || !pools.Needed(pass.Pkg, nil, in.ImportsMakers) {
		return
	}
	f := &pools.Finder{Info: pass.TypesInfo, Pkg: pass.Pkg, Skip: directive.NewReporter(pass, false).Skip, Imported: in.MakesPool}
	f.FindMakers(insp)
	for fn, fact := range f.Makers() {
		pass.ExportObjectFact(fn, fact)
	}
}

// MakesPool returns the fact of fn, a function of another package that
// returns a fresh connection pool on every call, or nil.
func (in *Info) MakesPool(fn *types.Func) *pools.MakesPool {
	if fn.Pkg() == nil || fn.Pkg() == in.pass.Pkg {
		return nil
	}
	f := new(pools.MakesPool)
	if in.pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

// ImportsMakers reports whether a package this one imports, directly or
// not, exported pool makers.
func (in *Info) ImportsMakers() bool { return len(in.pass.AllObjectFacts()) > 0 }
