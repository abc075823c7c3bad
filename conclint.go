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
	"github.com/conclint/conclint/analyzers/unboundedgo"
	"github.com/conclint/conclint/internal/rule"
)

// Suite is every conclint analyzer, in the order the README lists them.
var Suite = []*analysis.Analyzer{
	droppedctx.Analyzer,
	handlerblock.Analyzer,
	lockio.Analyzer,
	unboundedgo.Analyzer,
	poolperrequest.Analyzer,
	notimeout.Analyzer,
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
	})
}
