// Command conclint runs the conclint suite. It works standalone
// (conclint ./...) and as go vet -vettool=$(which conclint).
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/conclint/conclint"
)

func main() { multichecker.Main(conclint.Suite...) }
