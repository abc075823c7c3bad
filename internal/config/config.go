// Package config reads .conclint.yml, conclint's configuration file:
// which analyzers run, their settings (the keys of the golangci-lint
// plugin's settings, see internal/settings), findings to leave out by
// path, and the severity of each analyzer's findings:
//
//	enable: [droppedctx, lockio]   # only these (default: every analyzer)
//	disable: [unboundedgo]         # all but these
//	settings:
//	  lockio:
//	    io: true
//	severity:
//	  droppedctx: error            # warning (default) or error
//	exclude:
//	  - path: "internal/legacy/**" # every analyzer
//	  - path: "cmd/**"
//	    analyzers: [unboundedgo]
//
// Paths are slash-separated globs relative to the file's directory; "**"
// matches any number of directories. A mistake is an error naming the
// file, the line and the key, never a silent default.
package config

import (
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"gopkg.in/yaml.v3"

	"github.com/conclint/conclint/internal/settings"
)

// FileName is the name Find looks for.
const FileName = ".conclint.yml"

// A Config is a parsed configuration file.
type Config struct {
	File     string   // the file's path as given or found
	Enable   []string // analyzers to run, nil for all
	Disable  []string
	Settings []Setting
	Severity map[string]string // analyzer → "warning" or "error"
	Excludes []Exclude
}

// A Setting is one analyzer flag the file sets.
type Setting struct {
	Analyzer *analysis.Analyzer
	Flag     *flag.Flag
	Value    string
	Key      string // settings.NAME.KEY, for errors
	Line     int
}

// An Exclude leaves out findings in files matching Path (relative to the
// file's directory), of the Analyzers named or of all when none are.
type Exclude struct {
	Path      string
	Analyzers []string
}

// An Error is a mistake in a configuration file.
type Error struct {
	File string
	Line int
	Key  string // dotted, e.g. settings.lockio.io; empty for syntax errors
	Msg  string
}

func (e *Error) Error() string {
	where := e.File
	if e.Line > 0 {
		where += ":" + strconv.Itoa(e.Line)
	}
	if e.Key == "" {
		return where + ": " + e.Msg
	}
	return where + ": " + e.Key + ": " + e.Msg
}

// Find returns the FileName in dir or the nearest directory above it,
// or "" when there is none.
func Find(dir string) string {
	for {
		f := filepath.Join(dir, FileName)
		if st, err := os.Stat(f); err == nil && !st.IsDir() {
			return f
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads and checks file against suite. shown is the file's name in
// errors.
func Load(file, shown string, suite []*analysis.Analyzer) (*Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	p := parser{file: shown, suite: suite, c: &Config{File: file, Severity: map[string]string{}}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, p.syntaxError(err)
	}
	if len(doc.Content) == 0 {
		return p.c, nil // an empty file
	}
	if err := p.top(doc.Content[0]); err != nil {
		return nil, err
	}
	return p.c, nil
}

type parser struct {
	file  string
	suite []*analysis.Analyzer
	c     *Config
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (p *parser) syntaxError(err error) error {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: p.file, Line: line, Msg: m[2]}
	}
	return &Error{File: p.file, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
}

func (p *parser) errorf(n *yaml.Node, key, format string, args ...any) error {
	return &Error{File: p.file, Line: n.Line, Key: key, Msg: fmt.Sprintf(format, args...)}
}

// mapping returns the key and value nodes of a mapping node, in order.
func (p *parser) mapping(n *yaml.Node, key string) ([][2]*yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		return nil, p.errorf(n, key, "want a mapping")
	}
	var pairs [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		pairs = append(pairs, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return pairs, nil
}

func (p *parser) top(n *yaml.Node) error {
	pairs, err := p.mapping(n, "")
	if err != nil {
		return &Error{File: p.file, Line: n.Line, Msg: "want a mapping with keys enable, disable, settings, severity, exclude"}
	}
	seen := map[string]bool{}
	for _, kv := range pairs {
		k, v := kv[0], kv[1]
		if seen[k.Value] {
			return p.errorf(k, k.Value, "given twice")
		}
		seen[k.Value] = true
		switch k.Value {
		case "enable":
			p.c.Enable, err = p.names(v, "enable")
			if err == nil && len(p.c.Enable) == 0 {
				err = p.errorf(v, "enable", "empty list: name at least one analyzer, or leave out enable to run all")
			}
		case "disable":
			p.c.Disable, err = p.names(v, "disable")
		case "settings":
			err = p.settings(v)
		case "severity":
			err = p.severity(v)
		case "exclude":
			err = p.excludes(v)
		default:
			err = p.errorf(k, k.Value, "unknown key (known: enable, disable, settings, severity, exclude)")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) analyzer(n *yaml.Node, key string) (*analysis.Analyzer, error) {
	for _, a := range p.suite {
		if a.Name == n.Value {
			return a, nil
		}
	}
	names := make([]string, len(p.suite))
	for i, a := range p.suite {
		names[i] = a.Name
	}
	return nil, p.errorf(n, key, "no analyzer %q (analyzers: %s)", n.Value, strings.Join(names, ", "))
}

// names reads a list of analyzer names (or one name).
func (p *parser) names(n *yaml.Node, key string) ([]string, error) {
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	var out []string
	for _, item := range items {
		if item.Kind != yaml.ScalarNode {
			return nil, p.errorf(item, key, "want analyzer names")
		}
		a, err := p.analyzer(item, key)
		if err != nil {
			return nil, err
		}
		out = append(out, a.Name)
	}
	return out, nil
}

func (p *parser) settings(n *yaml.Node) error {
	pairs, err := p.mapping(n, "settings")
	if err != nil {
		return err
	}
	for _, kv := range pairs {
		key := "settings." + kv[0].Value
		a, err := p.analyzer(kv[0], key)
		if err != nil {
			return err
		}
		if kv[1].Kind == yaml.ScalarNode && kv[1].Tag == "!!null" {
			continue // "lockio:" with nothing under it
		}
		fields, err := p.mapping(kv[1], key)
		if err != nil {
			return err
		}
		for _, f := range fields {
			key := key + "." + f[0].Value
			var v any
			if err := f[1].Decode(&v); err != nil {
				return p.errorf(f[1], key, "%v", err)
			}
			fl, value, err := settings.Resolve(a, f[0].Value, v)
			if err != nil {
				return p.errorf(f[0], key, "%v", err)
			}
			p.c.Settings = append(p.c.Settings, Setting{Analyzer: a, Flag: fl, Value: value, Key: key, Line: f[0].Line})
		}
	}
	return nil
}

func (p *parser) severity(n *yaml.Node) error {
	pairs, err := p.mapping(n, "severity")
	if err != nil {
		return err
	}
	for _, kv := range pairs {
		key := "severity." + kv[0].Value
		a, err := p.analyzer(kv[0], key)
		if err != nil {
			return err
		}
		switch kv[1].Value {
		case "warning", "error":
			p.c.Severity[a.Name] = kv[1].Value
		default:
			return p.errorf(kv[1], key, "want warning or error, got %q", kv[1].Value)
		}
	}
	return nil
}

func (p *parser) excludes(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return p.errorf(n, "exclude", "want a list of {path: GLOB, analyzers: [NAME]}")
	}
	for i, item := range n.Content {
		key := fmt.Sprintf("exclude[%d]", i)
		var ex Exclude
		if item.Kind == yaml.ScalarNode {
			ex.Path = item.Value // a bare glob
		} else {
			pairs, err := p.mapping(item, key)
			if err != nil {
				return err
			}
			for _, kv := range pairs {
				switch kv[0].Value {
				case "path":
					ex.Path = kv[1].Value
				case "analyzers":
					if ex.Analyzers, err = p.names(kv[1], key+".analyzers"); err != nil {
						return err
					}
				default:
					return p.errorf(kv[0], key+"."+kv[0].Value, "unknown key (known: path, analyzers)")
				}
			}
		}
		if ex.Path == "" {
			return p.errorf(item, key, "no path (use disable to turn an analyzer off everywhere)")
		}
		if _, err := path.Match(strings.ReplaceAll(ex.Path, "**", "*"), ""); err != nil {
			return p.errorf(item, key+".path", "bad glob %q: %v", ex.Path, err)
		}
		p.c.Excludes = append(p.c.Excludes, ex)
	}
	return nil
}

// Apply sets the analyzer flags of the file's settings, except those
// keep says were set on the command line, and returns them as
// -NAME.FLAG=VALUE for the go vet route.
func (c *Config) Apply(file string, keep func(name string) bool) ([]string, error) {
	var args []string
	for _, s := range c.Settings {
		name := s.Analyzer.Name + "." + s.Flag.Name
		if keep(name) {
			continue
		}
		if err := s.Flag.Value.Set(s.Value); err != nil {
			return nil, &Error{File: file, Line: s.Line, Key: s.Key, Msg: fmt.Sprintf("invalid value %q: %v", s.Value, err)}
		}
		args = append(args, "-"+name+"="+s.Value)
	}
	return args, nil
}

// Excluded reports whether a finding of analyzer in filename (absolute)
// is left out.
func (c *Config) Excluded(analyzer, filename string) bool {
	rel, err := filepath.Rel(filepath.Dir(c.File), filename)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, ex := range c.Excludes {
		if (len(ex.Analyzers) == 0 || slices.Contains(ex.Analyzers, analyzer)) && Match(ex.Path, rel) {
			return true
		}
	}
	return false
}

// Match reports whether the slash-separated name matches pattern, a glob
// of path.Match in which a "**" element matches any number of elements.
func Match(pattern, name string) bool {
	return matchElems(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchElems(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchElems(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}
