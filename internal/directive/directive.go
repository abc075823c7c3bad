// Package directive decides which diagnostics a user has suppressed, and
// which files conclint leaves alone.
//
// A diagnostic is dropped when its line, or the line above, carries
//
//	//conclint:ignore name[,name] reason   (the reason is required)
//	//nolint:name[,name]                    (golangci-lint's form; //nolint alone covers all)
//
// where a name is an analyzer (droppedctx: all its rules) or a rule ID
// (droppedctx/goroutine: that rule only), and "all" covers everything.
// A suppression of another linter's check that finds the same thing
// covers the conclint rule too: //nolint:gosec and // #nosec [G112|G114]
// cover notimeout/serve and notimeout/server.
//
// Generated files are skipped, and so are _test.go files and test support
// (see RoleOf) unless the analyzer asks for them.
package directive

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/rule"
)

// TestsUsage is the usage of every analyzer's "tests" option, which it
// passes to NewReporter and nowhere else: the rest of the analyzer asks
// the Reporter (Tests), where contexts are looked up for
// scope.Info.Context. The same choice on every analyzer.
const TestsUsage = "also check _test.go files and test support packages (testutil, mocks, fakes); where contexts matter, *testing.T, B and F carry one"

// Reporter reports an analyzer's diagnostics minus the suppressed ones.
type Reporter struct {
	pass         *analysis.Pass
	name         string
	includeTests bool
	files        map[*token.File]*fileDirectives
}

type fileDirectives struct {
	skip    bool
	ignored map[int]map[string]bool // line → the names its directives cover, for it and the next line
}

// NewReporter returns a Reporter for the analyzer of pass.
func NewReporter(pass *analysis.Pass, includeTests bool) *Reporter {
	return &Reporter{
		pass:         pass,
		name:         pass.Analyzer.Name,
		includeTests: includeTests,
		files:        make(map[*token.File]*fileDirectives),
	}
}

// Skip reports whether the file holding pos is not analyzed at all
// (generated, or a test file when tests are not included). Analyzers may
// call it to avoid work; Report checks it again.
func (r *Reporter) Skip(pos token.Pos) bool {
	fd := r.directives(pos)
	return fd == nil || fd.skip
}

// Tests reports whether test files and test support are checked: the
// analyzer's tests option, as NewReporter received it.
func (r *Reporter) Tests() bool { return r.includeTests }

// Role returns the role of the file holding pos.
func (r *Reporter) Role(pos token.Pos) Role {
	return RoleOf(r.pass.Pkg.Path(), r.pass.Pkg.Name(), r.pass.Fset.Position(pos).Filename)
}

// Report reports d unless it is suppressed.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if !r.Suppressed(d) {
		r.pass.Report(d)
	}
}

// Suppressed reports whether Report would drop d: its file is skipped, or
// a directive on its line or the line above covers its rule.
func (r *Reporter) Suppressed(d analysis.Diagnostic) bool {
	fd := r.directives(d.Pos)
	if fd == nil || fd.skip {
		return true
	}
	line := r.pass.Fset.Position(d.Pos).Line
	return r.covers(fd.ignored[line], d.Category) || r.covers(fd.ignored[line-1], d.Category)
}

// covers reports whether a directive naming names suppresses a
// diagnostic of the rule: it names the rule, its analyzer, or all.
func (r *Reporter) covers(names map[string]bool, rule string) bool {
	return names[r.name] || names["all"] || rule != "" && names[rule]
}

// Reportf is Report for a diagnostic of the rule over node with a
// formatted message.
func (r *Reporter) Reportf(rule string, node ast.Node, format string, args ...any) {
	r.Report(analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Category: rule, Message: fmt.Sprintf(format, args...)})
}

func (r *Reporter) directives(pos token.Pos) *fileDirectives {
	tf := r.pass.Fset.File(pos)
	if tf == nil {
		return nil
	}
	if fd, ok := r.files[tf]; ok {
		return fd
	}
	var fd *fileDirectives
	for _, f := range r.pass.Files {
		if r.pass.Fset.File(f.Pos()) == tf {
			fd = r.parse(f, tf)
			break
		}
	}
	r.files[tf] = fd
	return fd
}

func (r *Reporter) parse(f *ast.File, tf *token.File) *fileDirectives {
	fd := &fileDirectives{ignored: make(map[int]map[string]bool)}
	if ast.IsGenerated(f) || !r.includeTests && (strings.HasSuffix(tf.Name(), "_test.go") || r.Role(f.Pos()) == TestSupport) {
		fd.skip = true
		return fd
	}
	for _, group := range f.Comments {
		for _, c := range group.List {
			names, reason, ok := parseDirective(c.Text)
			if !ok {
				names, ok = otherLinter(c.Text)
			}
			if !ok || !r.mentioned(names) {
				continue
			}
			line := tf.Line(c.Pos())
			if strings.HasPrefix(c.Text, "//conclint:") && reason == "" {
				r.pass.Report(analysis.Diagnostic{
					Pos: c.Pos(), End: c.End(), Category: rule.Directive(r.name).ID,
					Message: "conclint:ignore needs a reason after the analyzer names; the directive is not applied",
				})
				continue
			}
			if fd.ignored[line] == nil {
				fd.ignored[line] = make(map[string]bool)
			}
			for name := range names {
				fd.ignored[line][name] = true
			}
		}
	}
	return fd
}

// mentioned reports whether names cover this analyzer or one of its rules.
func (r *Reporter) mentioned(names map[string]bool) bool {
	for name := range names {
		if name == "all" || name == r.name || strings.HasPrefix(name, r.name+"/") {
			return true
		}
	}
	return false
}

// parseDirective parses a //conclint:ignore or //nolint comment into the
// analyzer names it covers ("all" for a bare //nolint) and its reason.
func parseDirective(text string) (names map[string]bool, reason string, ok bool) {
	var rest string
	switch {
	case strings.HasPrefix(text, "//conclint:ignore"):
		rest = strings.TrimPrefix(text, "//conclint:ignore")
		rest, _, _ = strings.Cut(rest, " //") // a trailing comment is not the reason
		if rest != "" && rest[0] != ' ' {
			return nil, "", false
		}
		fields := strings.Fields(rest)
		if len(fields) == 0 {
			return nil, "", false
		}
		return splitNames(fields[0]), strings.Join(fields[1:], " "), true
	case strings.HasPrefix(text, "//nolint"):
		rest = strings.TrimPrefix(text, "//nolint")
		if rest == "" || rest[0] == ' ' {
			return map[string]bool{"all": true}, "", true
		}
		if rest[0] != ':' {
			return nil, "", false
		}
		list, _, _ := strings.Cut(rest[1:], " ")
		return splitNames(list), "", true
	}
	return nil, "", false
}

func splitNames(list string) map[string]bool {
	names := make(map[string]bool)
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names[n] = true
			names = withEquivalents(names, n)
		}
	}
	return names
}

// equivalents are the conclint rules that find what another linter's
// check finds: a suppression of that check on the line is the same
// decision (gosec G112 and G114: an HTTP server with no
// ReadHeaderTimeout, http.ListenAndServe, which cannot set one).
var equivalents = map[string][]string{"gosec": {"notimeout/serve", "notimeout/server"}}

// gosecCodes are gosec's codes of those checks.
var gosecCodes = []string{"G112", "G114"}

func withEquivalents(names map[string]bool, linter string) map[string]bool {
	for _, rule := range equivalents[linter] {
		names[rule] = true
	}
	return names
}

// otherLinter parses gosec's own suppression, // #nosec [G114 ...]: the
// conclint rules it covers, when it names no codes or one of gosecCodes.
func otherLinter(text string) (map[string]bool, bool) {
	rest, ok := strings.CutPrefix(strings.TrimLeft(strings.TrimPrefix(text, "//"), " "), "#nosec")
	if !ok || rest != "" && rest[0] != ' ' {
		return nil, false
	}
	codes := strings.Fields(strings.ReplaceAll(strings.SplitN(rest, "--", 2)[0], ",", " "))
	if len(codes) > 0 && !slices.ContainsFunc(codes, func(c string) bool { return slices.Contains(gosecCodes, c) }) {
		return nil, false
	}
	return withEquivalents(make(map[string]bool), "gosec"), true
}
