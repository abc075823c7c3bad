// Package golangciplugin registers every conclint analyzer as its own
// golangci-lint v2 module plugin, so each can be enabled, disabled,
// configured and //nolint-ed by name:
//
//	linters:
//	  enable: [droppedctx]
//	  settings:
//	    custom:
//	      droppedctx:
//	        type: module
//	        settings:
//	          logging: true
//
// A linter's settings are its analyzer's options, under the names of its
// flags (conclint -explain NAME lists them) without the "NAME." prefix.
// Each plugin instance builds its own analyzer (conclint.New), so the
// settings never change conclint.Suite or another instance. Lists may be written as YAML
// lists or as comma-separated strings. golangci-lint lowercases every
// settings key, so flags are matched case-insensitively and no setting
// takes user data as a key.
//
// The plugins need type information (load mode "typesinfo"), so
// golangci-lint's --fast-only, often suggested for editors, skips them.
//
// Build a golangci-lint that includes this package with
// golangci-lint custom (.custom-gcl.yml) or, offline, with
// go run ./internal/cmd/buildgcl.
package golangciplugin

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/settings"
)

func init() {
	for _, a := range conclint.Suite {
		register.Plugin(a.Name, newPlugin(func() *analysis.Analyzer { return conclint.New(a.Name) }))
	}
}

// plugin is one conclint analyzer seen as a golangci-lint linter.
type plugin struct{ analyzer *analysis.Analyzer }

func (p plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.analyzer}, nil
}

func (plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// newPlugin returns the plugin constructor of the analyzer that build
// returns at its default options.
func newPlugin(build func() *analysis.Analyzer) register.NewPlugin {
	return func(raw any) (register.LinterPlugin, error) {
		a := build()
		decoded, err := register.DecodeSettings[map[string]any](raw)
		if err != nil {
			return nil, fmt.Errorf("conclint %s: decoding settings: %w", a.Name, err)
		}
		if err := settings.Apply(a, decoded); err != nil {
			return nil, err
		}
		return plugin{analyzer: a}, nil
	}
}
