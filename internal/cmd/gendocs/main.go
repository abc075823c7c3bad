// Command gendocs regenerates README.md's analyzer sections and
// docs/rules.md from the analyzers' doc.go and rules.go files. Run it from the repository root:
//
//	go run ./internal/cmd/gendocs
package main

import (
	"log"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/docgen"
)

func main() {
	rules := conclint.Rules()
	if err := docgen.Update("README.md", conclint.Suite, rules); err != nil {
		log.Fatal(err)
	}
	if err := docgen.UpdateRules(docgen.RulesFile, conclint.Suite, rules); err != nil {
		log.Fatal(err)
	}
}
