// Package conclint exposes conclint's analyzers as a suite, for drivers
// such as cmd/conclint and the golangci-lint plugin.
package conclint

import (
	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/analyzers/droppedctx"
	"github.com/conclint/conclint/analyzers/handlerblock"
	"github.com/conclint/conclint/analyzers/lockio"
	"github.com/conclint/conclint/analyzers/notimeout"
	"github.com/conclint/conclint/analyzers/poolperrequest"
	"github.com/conclint/conclint/analyzers/seqio"
	"github.com/conclint/conclint/analyzers/unboundedgo"
	"github.com/conclint/conclint/internal/rule"
)

// Suite is every conclint analyzer at its default options (each
// package's Analyzer), in the order the README lists them. Drivers that
// set options use NewSuite, so that Suite stays at the defaults.
var Suite = []*analysis.Analyzer{
	droppedctx.Analyzer,
	handlerblock.Analyzer,
	lockio.Analyzer,
	unboundedgo.Analyzer,
	poolperrequest.Analyzer,
	notimeout.Analyzer,
	seqio.Analyzer,
}

// NewSuite returns new analyzers, in Suite's order, each built by its
// package's New from its DefaultOptions: flags set on them (the command
// line, golangci-lint settings, a config file) change only them.
func NewSuite() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		droppedctx.New(droppedctx.DefaultOptions()),
		handlerblock.New(handlerblock.DefaultOptions()),
		lockio.New(lockio.DefaultOptions()),
		unboundedgo.New(unboundedgo.DefaultOptions()),
		poolperrequest.New(poolperrequest.DefaultOptions()),
		notimeout.New(notimeout.DefaultOptions()),
		seqio.New(seqio.DefaultOptions()),
	}
}

// New returns a new analyzer named name at its default options, or nil.
func New(name string) *analysis.Analyzer {
	for _, a := range NewSuite() {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// Rules returns the rules of every analyzer of the suite, by analyzer
// name, each list ending with the analyzer's directive rule.
func Rules() rule.Index {
	return rule.NewIndex(map[string][]rule.Rule{
		droppedctx.Analyzer.Name:     droppedctx.Rules(),
		handlerblock.Analyzer.Name:   handlerblock.Rules(),
		lockio.Analyzer.Name:         lockio.Rules(),
		unboundedgo.Analyzer.Name:    unboundedgo.Rules(),
		poolperrequest.Analyzer.Name: poolperrequest.Rules(),
		notimeout.Analyzer.Name:      notimeout.Rules(),
		seqio.Analyzer.Name:          seqio.Rules(),
	})
}
