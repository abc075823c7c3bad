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
)

// Suite is every conclint analyzer, in the order the README lists them.
var Suite = []*analysis.Analyzer{
	droppedctx.Analyzer,
	handlerblock.Analyzer,
	lockio.Analyzer,
	unboundedgo.Analyzer,
	poolperrequest.Analyzer,
	notimeout.Analyzer,
	seqio.Analyzer,
}
