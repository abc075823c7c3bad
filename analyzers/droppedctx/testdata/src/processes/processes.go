// Package processes runs local commands from request handlers, checked
// with -droppedctx.processes.
package processes

import (
	"net/http"
	"os/exec"
)

func dmsetup(args ...string) error {
	return exec.Command("dmsetup", args...).Run()
}

func Handler(w http.ResponseWriter, r *http.Request) {
	out, _ := exec.Command("git", "log").Output() // want `exec.Command ignores the context in scope`
	_ = out
	_ = dmsetup("info") // want `processes.dmsetup drops the caller's context: it calls exec.Command`
}
