package driver

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/config"
	"github.com/conclint/conclint/internal/report"
)

// loadConfig reads the configuration file (-config, else the nearest
// .conclint.yml above the working directory; -config= for none) and
// applies it under the command line: flags given there win, and an
// analyzer chosen there (-NAME) overrides the file's enable and disable.
func (o *options) loadConfig(suite []*analysis.Analyzer) error {
	file := o.config.value
	if !o.config.set {
		wd, _ := os.Getwd()
		file = config.Find(wd)
	}
	if file == "" {
		return nil
	}
	shown := file
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, file); err == nil && !strings.HasPrefix(rel, "..") {
			shown = rel
		}
	}
	c, err := config.Load(file, shown, suite)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("-config: %s does not exist", file)
		}
		return err
	}
	if abs, err := filepath.Abs(c.File); err == nil {
		c.File = abs
	}
	settingArgs, err := c.Apply(shown, func(name string) bool { return o.set[name] })
	if err != nil {
		return err
	}
	o.analyzerFlags = append(settingArgs, o.analyzerFlags...)
	o.cfg = c
	for _, ts := range o.enabled {
		if *ts == setTrue {
			return nil // the command line chose the analyzers
		}
	}
	var chosen []*analysis.Analyzer
	for _, a := range suite {
		if (c.Enable == nil || slices.Contains(c.Enable, a.Name)) && !slices.Contains(c.Disable, a.Name) && *o.enabled[a] != setFalse {
			chosen = append(chosen, a)
		}
	}
	if len(chosen) == 0 {
		return fmt.Errorf("%s: no analyzer left to run (enable, disable and the command line leave none)", shown)
	}
	if len(chosen) == len(o.analyzers) {
		return nil
	}
	// Tell go vet which analyzers run: -NAME for each, in place of the
	// command line's -NAME=false.
	o.analyzers = chosen
	o.analyzerFlags = slices.DeleteFunc(o.analyzerFlags, func(f string) bool {
		name, _, _ := strings.Cut(strings.TrimPrefix(f, "-"), "=")
		return !strings.Contains(name, ".")
	})
	for _, a := range chosen {
		o.analyzerFlags = append(o.analyzerFlags, "-"+a.Name+"=true")
	}
	return nil
}

// severity returns the configured severity per analyzer, nil without
// a configuration file.
func (o *options) severity() map[string]string {
	if o.cfg == nil {
		return nil
	}
	return o.cfg.Severity
}

// applyConfig leaves out the findings the configuration file excludes and
// gives the others their configured severity.
func (o *options) applyConfig(r *report.Result) {
	if o.cfg == nil {
		return
	}
	r.Findings = slices.DeleteFunc(r.Findings, func(f report.Finding) bool {
		return o.cfg.Excluded(f.Analyzer.Name, f.Pos.Filename)
	})
	for i := range r.Findings {
		r.Findings[i].Severity = o.cfg.Severity[r.Findings[i].Analyzer.Name]
	}
}
