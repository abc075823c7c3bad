// Command conclint runs the conclint suite. It works standalone
// (conclint ./...), as go vet -vettool=$(which conclint) and as
// go fix -fixtool=$(which conclint). Besides multichecker's flags it has
// -format=text|sarif|github and -explain=NAME; see internal/driver.
package main

import (
	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/driver"
)

func main() { driver.Main(conclint.NewSuite(), conclint.Rules()) }
