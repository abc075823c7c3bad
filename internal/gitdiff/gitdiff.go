// Package gitdiff tells which lines of a git working tree changed since a
// revision, for conclint -new-from-rev: the lines git diff -U0 REV shows
// as added or changed, and every line of untracked files, as
// golangci-lint's new-from-rev counts them.
package gitdiff

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Changes are the changed lines of a working tree.
type Changes struct {
	lines map[string]map[int]bool // absolute file → changed lines
	whole map[string]bool         // untracked files
}

// Changed reports whether line of file (absolute) changed.
func (c *Changes) Changed(file string, line int) bool {
	if _, ok := c.lines[file]; !ok && !c.whole[file] {
		// git names files by their real path.
		if real, err := filepath.EvalSymlinks(file); err == nil {
			file = real
		}
	}
	return c.whole[file] || c.lines[file][line]
}

// Since returns the lines changed since rev in the git working tree that
// holds dir.
func Since(dir, rev string) (*Changes, error) {
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		if _, lookErr := exec.LookPath("git"); lookErr != nil {
			return nil, fmt.Errorf("git is not installed: %v", lookErr)
		}
		return nil, fmt.Errorf("%s is not in a git repository", dir)
	}
	root := strings.TrimSpace(string(top))
	if _, err := git(root, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("%q is not a revision of the repository at %s", rev, root)
	}
	diff, err := git(root, "-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "-U0", rev, "--")
	if err != nil {
		return nil, err
	}
	c := &Changes{lines: make(map[string]map[int]bool), whole: make(map[string]bool)}
	if err := c.parse(root, diff); err != nil {
		return nil, err
	}
	untracked, err := git(root, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	for name := range strings.SplitSeq(string(untracked), "\x00") {
		if name != "" {
			c.whole[filepath.Join(root, filepath.FromSlash(name))] = true
		}
	}
	return c, nil
}

// parse reads a unified diff with no context: "+++ b/FILE" names the
// file, "@@ -a,b +c,d @@" says lines c to c+d-1 are new (d defaults to 1).
func (c *Changes) parse(root string, diff []byte) error {
	var lines map[int]bool
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimPrefix(line, "+++ ")
			if name == "/dev/null" {
				lines = nil // a deleted file
				continue
			}
			name = strings.TrimPrefix(strings.Trim(name, `"`), "b/")
			file := filepath.Join(root, filepath.FromSlash(name))
			lines = make(map[int]bool)
			c.lines[file] = lines
		case strings.HasPrefix(line, "@@ ") && lines != nil:
			fields := strings.Fields(line)
			if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
				return fmt.Errorf("unexpected hunk header %q in git diff", line)
			}
			start, count, err := span(strings.TrimPrefix(fields[2], "+"))
			if err != nil {
				return fmt.Errorf("unexpected hunk header %q in git diff: %v", line, err)
			}
			for l := start; l < start+count; l++ {
				lines[l] = true
			}
		}
	}
	return sc.Err()
}

// span parses "c,d" or "c".
func span(s string) (start, count int, err error) {
	first, second, found := strings.Cut(s, ",")
	if start, err = strconv.Atoi(first); err != nil {
		return 0, 0, err
	}
	count = 1
	if found {
		if count, err = strconv.Atoi(second); err != nil {
			return 0, 0, err
		}
	}
	return start, count, nil
}

func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && stderr.Len() > 0 {
			return nil, fmt.Errorf("git %s: %s", args[0], strings.TrimSpace(stderr.String()))
		}
		return nil, fmt.Errorf("git %s: %v", args[0], err)
	}
	return out, nil
}
