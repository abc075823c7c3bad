package lockio

import (
	"go/ast"

	"github.com/conclint/conclint/internal/analysisutil"
	"github.com/conclint/conclint/internal/blocking"
)

// lifecycleVerbs name steps that a lock serializes on purpose: the round
// trip is the step itself (closing what the lock guards, reloading the
// configuration it guards), and running two at once is what the lock
// prevents.
var lifecycleVerbs = map[string]bool{
	"close": true, "stop": true, "shutdown": true, "teardown": true, "terminate": true,
	"reload": true, "restart": true, "compact": true, "truncate": true,
}

// configVerbs, followed by the word config, name a configuration reload
// (ApplyConfig, changeConfig, loadConfig).
var configVerbs = map[string]bool{"apply": true, "change": true, "load": true, "reload": true, "update": true, "set": true}

// inLifecycleStep reports whether the round trip at site is a lifecycle
// step: the call is one (stmt.Close()), or the function that holds the
// lock is one (closePrepared, ApplyConfig).
func (w *walker) inLifecycleStep(site blocking.Site) bool {
	if site.Callee != nil && isLifecycleName(site.Callee.Name()) {
		return true
	}
	for c := range w.fcur.Enclosing((*ast.FuncDecl)(nil)) {
		return isLifecycleName(c.Node().(*ast.FuncDecl).Name.Name)
	}
	return false
}

// isLifecycleName reports whether a function name starts with a
// lifecycle verb, or is a configuration reload.
func isLifecycleName(name string) bool {
	words := analysisutil.CamelWords(name)
	if len(words) == 0 {
		return false
	}
	if lifecycleVerbs[words[0]] {
		return true
	}
	return len(words) >= 2 && configVerbs[words[0]] && (words[1] == "config" || words[1] == "configuration" || words[1] == "cfg")
}
