package instant

import (
	"context"

	"example.com/sysinfo"
)

// Context variants of functions that never wait take a context they cannot
// use: calling the plain form drops nothing.

func usage(ctx context.Context, p *sysinfo.Process) {
	_, _ = p.MemoryInfo()          // ok: a file read, nothing to cancel
	_, _ = sysinfo.Usage("/")      // ok: a stat
	new(sysinfo.Pool).Take()       // want `Pool.Take ignores the context in scope`
	_ = sysinfo.Report("http://x") // want `sysinfo.Report ignores the context in scope and runs on after it is canceled; use sysinfo.ReportWithContext\(ctx, …\)`
}
