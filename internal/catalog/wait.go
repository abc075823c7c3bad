package catalog

import "go/types"

// Wait says how a call waits on other goroutines or on time.
type Wait int

const (
	NoWait    Wait = iota
	Sleep          // time.Sleep
	CondWait       // sync.Cond.Wait: waits for a Signal, releasing its lock meanwhile
	GroupWait      // sync.WaitGroup.Wait, errgroup.Group.Wait: waits for goroutines
	Limit          // errgroup.Group.Go: waits for a slot under a limit set on purpose (SetLimit)
)

// waits lists the calls that wait, keyed as Key returns them.
var waits = map[string]Wait{
	"time.Sleep":                                 Sleep,
	"sync.Cond.Wait":                             CondWait,
	"sync.WaitGroup.Wait":                        GroupWait,
	"golang.org/x/sync/errgroup.Group.Wait":      GroupWait,
	"golang.org/x/sync/errgroup.Group.Go":        Limit,
	"github.com/sourcegraph/conc.WaitGroup.Wait": GroupWait,
}

// WaitOf returns how a call of fn waits, or NoWait.
func WaitOf(fn *types.Func) Wait {
	if fn == nil || fn.Pkg() == nil {
		return NoWait
	}
	return waits[Key(fn)]
}

// IsTimer reports whether fn returns a channel that a timer fills:
// time.After and time.Tick.
func IsTimer(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "time" {
		return false
	}
	return Key(fn) == "time.After" || Key(fn) == "time.Tick"
}
