// Command gendocs regenerates README.md's analyzer sections from the
// analyzers' doc.go files. Run it from the repository root:
//
//	go run ./internal/cmd/gendocs
package main

import (
	"log"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/docgen"
)

func main() {
	if err := docgen.Update("README.md", conclint.Suite); err != nil {
		log.Fatal(err)
	}
}
