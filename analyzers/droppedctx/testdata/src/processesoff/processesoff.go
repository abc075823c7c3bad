// Package processesoff runs local commands from request handlers, checked
// at the default options.
package processesoff

import (
	"net/http"
	"os/exec"
)

func dmsetup(args ...string) error {
	return exec.Command("dmsetup", args...).Run()
}

func Handler(w http.ResponseWriter, r *http.Request) {
	out, _ := exec.Command("git", "log").Output() // ok: a local process; killing it is the author's choice
	_ = out
	_ = dmsetup("info") // ok
}
