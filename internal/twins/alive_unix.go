//go:build unix

package twins

import "syscall"

// alive reports whether process pid runs (signal 0 checks, sends nothing).
func alive(pid int) bool {
	return syscall.Kill(pid, 0) == nil
}
