package blocking

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/catalog"
)

// Cause says what blocks, where, and through which callee.
type Cause struct {
	What   string // "time.Sleep", "a receive from q.items", "c.client.Do"
	Where  string // "queue.go:12"
	Via    string // the first callee on the way, when not direct: "Queue.Pop"
	Depth  int    // calls between the function and the operation
	Sync   bool   // goroutine synchronization (channels, joins, Cond.Wait), which crosses at most one call
	Stream bool   // a read or write on an established connection (catalog.IsStream)
	Scan   bool   // Costly: a query that reads a whole table, not a request to another service
}

func (c *Cause) String() string {
	s := c.What + " (" + c.Where + ")"
	if c.Via != "" {
		s += " through " + c.Via
	}
	return s
}

// IgnoresCancel returns the cause when s can wait indefinitely with no way
// for a context to interrupt it: time.Sleep and timer receives (but for
// deliberate pauses, see IsPause), Cond.Wait, select {}, a send or receive outside a select on a channel not made
// here (nor drained by every caller), or a select with no default,
// ctx.Done() or timer case and no case on a channel made here, or a call of
// a function that takes no context and does one of these. Waits for
// goroutines (WaitGroup, errgroup, a channel the package only closes) are
// not included.
func (in *Info) IgnoresCancel(s Site) (*Cause, bool) {
	switch s.Kind {
	case Sleep:
		if in.IsPause(s) {
			return nil, false
		}
	case CondWait, SelectForever:
	case Send, Recv:
		if s.Local || s.Drained { // a drained send waits for its caller, not after it
			return nil, false
		}
	case Select:
		if s.AnyLocal || s.Default || s.Escape {
			return nil, false // a case on its own channel ends the wait when its own work does
		}
	case Call:
		f := in.FactOf(s.Callee)
		if f == nil || f.Waits == nil || takesContext(s.Callee.Signature()) || in.foreignSync(f.Waits, s) {
			return nil, false
		}
		return f.Waits, true
	default:
		return nil, false
	}
	return in.direct(s), true
}

// For a Call site, IgnoresCancel and Blocks return the callee's own cause.

// Blocks returns the cause when holding a lock across s makes every other
// locker wait for the network, another goroutine or the clock: catalogue
// I/O, time.Sleep, WaitGroup and errgroup waits, a send or receive outside
// a select or a select without default on a channel not made here, or a
// call of a function that does one of these. Cond.Wait is not included:
// it releases its lock while waiting.
func (in *Info) Blocks(s Site) (*Cause, bool) {
	switch s.Kind {
	case Sleep, GroupWait, NetworkIO, Process, SelectForever:
	case Send, Recv:
		if s.Local {
			return nil, false
		}
	case Select:
		if s.Local || s.Default || s.Escape {
			return nil, false // an Escape case bounds the wait
		}
	case Call:
		f := in.FactOf(s.Callee)
		if f == nil || f.Blocks == nil || in.foreignSync(f.Blocks, s) {
			return in.passedCause(s, in.Blocks)
		}
		return f.Blocks, true
	default:
		return nil, false
	}
	return in.direct(s), true
}

// DoesIO returns the cause when s is a round trip to another party over
// the network or to a database: a catalogue call, or a call of a function
// that makes one, at any depth and in any package.
func (in *Info) DoesIO(s Site) (*Cause, bool) {
	switch s.Kind {
	case NetworkIO:
		return in.direct(s), true
	case Call:
		if f := in.FactOf(s.Callee); f != nil && f.IO != nil {
			return f.IO, true
		}
		return in.passedCause(s, in.DoesIO)
	}
	return nil, false
}

// Costly returns the cause when s is a round trip whose cost is worth
// overlapping with another's, on evidence, or a call of a function that
// makes one: a request to another service (catalog.IsRemoteRequest, a
// method of a gRPC client or of a cloud SDK's service client) or a
// database/sql query whose constant text reads a whole table
// (catalog.ScansTable). A lookup by key, a cache command or a query whose
// text is not known is not costly.
func (in *Info) Costly(s Site) (*Cause, bool) {
	switch s.Kind {
	case NetworkIO:
		if catalog.IsRemoteRequest(s.Callee) {
			return in.direct(s), true
		}
		if in.scansTable(s) {
			c := in.direct(s)
			c.Scan = true
			return c, true
		}
	case Call:
		if catalog.IsGRPCStub(s.Callee) || catalog.IsCloudSDKCall(s.Callee) {
			return in.direct(s), true
		}
		if f := in.FactOf(s.Callee); f != nil && f.Costly != nil {
			return f.Costly, true
		}
		return in.passedCause(s, in.Costly)
	}
	return nil, false
}

// scansTable reports whether s is a database/sql query whose constant
// text reads a whole table.
func (in *Info) scansTable(s Site) bool {
	fn := s.Callee
	if fn.Pkg() == nil || fn.Pkg().Path() != "database/sql" || !strings.HasPrefix(fn.Name(), "Query") {
		return false
	}
	call, ok := s.Cursor.Node().(*ast.CallExpr)
	if !ok {
		return false
	}
	params := fn.Type().(*types.Signature).Params()
	for i := 0; i < params.Len() && i < len(call.Args); i++ {
		if b, ok := params.At(i).Type().(*types.Basic); ok && b.Kind() == types.String {
			tv := in.pass.TypesInfo.Types[call.Args[i]]
			return tv.Value != nil && tv.Value.Kind() == constant.String && catalog.ScansTable(constant.StringVal(tv.Value))
		}
	}
	return false
}

// WaitsBounded returns the cause when s waits until a context is done or a
// timer fires, at any depth and in any package: a select with no default
// and a ctx.Done() or timer case. Such a wait lasts as long as the context
// given to it, so whoever gives it one that nobody cancels makes it last.
func (in *Info) WaitsBounded(s Site) (*Cause, bool) {
	switch s.Kind {
	case Select:
		if s.Escape && !s.Default {
			c := in.direct(s)
			c.Sync = false // followed all the way up, as sleeps are
			return c, true
		}
	case Call:
		if f := in.FactOf(s.Callee); f != nil && f.Bounded != nil {
			return f.Bounded, true
		}
	}
	return nil, false
}

// foreignSync reports whether a callee's cause is synchronization below
// the callee itself in another package: that package's internal hand-off.
func (in *Info) foreignSync(c *Cause, s Site) bool {
	return c.Sync && c.Depth >= 1 && s.Callee.Pkg() != in.pass.Pkg
}

func (in *Info) direct(s Site) *Cause {
	sync := s.Kind != Sleep && s.Kind != NetworkIO && s.Kind != Process
	return &Cause{What: s.What, Where: analysisutil.Position(in.pass.Fset, s.Cursor.Node().Pos()), Sync: sync,
		Stream: s.Kind == NetworkIO && catalog.IsStream(s.Callee)}
}

// via is a callee's cause as seen by its caller: found through the callee.
// Synchronization is followed one call up only: deeper down, channels,
// joins and conditions are a library's internal hand-offs whose bounds the
// model cannot see. Network I/O and sleeps are followed all the way.
func via(c *Cause, s Site) *Cause {
	if c.Sync && c.Depth >= 1 {
		return nil
	}
	return &Cause{What: c.What, Where: c.Where, Via: analysisutil.DisplayName(s.Callee), Depth: c.Depth + 1, Sync: c.Sync, Stream: c.Stream, Scan: c.Scan}
}
