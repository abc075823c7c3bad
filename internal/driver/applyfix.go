package driver

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/conclint/conclint/internal/report"
)

// applyFixes applies the first suggested fix of each finding of r and
// returns the files it changed, sorted. A fix whose edits overlap an
// edit already taken is left out (an identical edit counts as taken).
// With diff it changes nothing and prints the changes to w as go fix
// -diff does. The -fix route takes this way when the configuration's
// excludes, -baseline or -new-from-rev leave findings out, since go fix
// would fix every finding.
func applyFixes(r report.Result, diff bool, w io.Writer) ([]string, error) {
	byFile := make(map[string][]report.Edit)
	for _, f := range r.Findings {
		if len(f.Fixes) == 0 || !fits(byFile, f.Fixes[0].Edits) {
			continue
		}
		for _, e := range f.Fixes[0].Edits {
			if !slices.Contains(byFile[e.Start.Filename], e) {
				byFile[e.Start.Filename] = append(byFile[e.Start.Filename], e)
			}
		}
	}
	var files []string
	for file := range byFile {
		files = append(files, file)
	}
	slices.Sort(files)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		edits := byFile[file]
		slices.SortFunc(edits, func(a, b report.Edit) int {
			return cmp.Or(cmp.Compare(a.Start.Offset, b.Start.Offset), cmp.Compare(a.End.Offset, b.End.Offset))
		})
		for _, e := range edits {
			if e.Start.Offset < 0 || e.End.Offset > len(data) || e.Start.Offset > e.End.Offset {
				return nil, fmt.Errorf("%s: a fix's edit is outside the file; was it changed during the run?", file)
			}
		}
		if diff {
			io.WriteString(w, unifiedDiff(file, string(data), edits))
			continue
		}
		if err := os.WriteFile(file, []byte(apply(string(data), 0, edits)), 0o644); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// fits reports whether edits overlap none of the edits taken, other than
// by being one of them.
func fits(taken map[string][]report.Edit, edits []report.Edit) bool {
	for _, e := range edits {
		for _, t := range taken[e.Start.Filename] {
			if e != t && e.Start.Offset < t.End.Offset && t.Start.Offset < e.End.Offset ||
				e != t && e.Start.Offset == t.Start.Offset && (e.Start.Offset == e.End.Offset || t.Start.Offset == t.End.Offset) {
				return false
			}
		}
	}
	return true
}

// apply applies sorted, disjoint edits to text, which starts at offset
// base of the file the edits' offsets are in.
func apply(text string, base int, edits []report.Edit) string {
	var b strings.Builder
	last := 0
	for _, e := range edits {
		b.WriteString(text[last : e.Start.Offset-base])
		b.WriteString(e.NewText)
		last = e.End.Offset - base
	}
	b.WriteString(text[last:])
	return b.String()
}

// unifiedDiff prints the change sorted, disjoint edits make to a file as
// go fix -diff does: "--- FILE (old)", "+++ FILE (new)", hunks with three
// lines of context.
func unifiedDiff(file, old string, edits []report.Edit) string {
	const context = 3
	lines := strings.SplitAfter(old, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	starts := make([]int, len(lines)+1) // starts[i]: offset of line i (0-based)
	for i, l := range lines {
		starts[i+1] = starts[i] + len(l)
	}
	lineOf := func(offset int) int { // 0-based line holding offset
		i, _ := slices.BinarySearch(starts, offset+1)
		return min(max(i-1, 0), max(len(lines)-1, 0))
	}
	// A change replaces whole old lines [first, last] by new lines.
	type change struct {
		first, last int
		new         []string
	}
	var changes []change
	for i := 0; i < len(edits); {
		first := lineOf(edits[i].Start.Offset)
		last := first
		j := i
		for ; j < len(edits) && lineOf(edits[j].Start.Offset) <= last; j++ {
			end := edits[j].End.Offset
			if end > edits[j].Start.Offset {
				end-- // the last byte replaced
			}
			last = max(last, lineOf(end))
		}
		oldText := strings.Join(lines[first:last+1], "")
		newText := apply(oldText, starts[first], edits[i:j])
		newLines := strings.SplitAfter(newText, "\n")
		if newLines[len(newLines)-1] == "" {
			newLines = newLines[:len(newLines)-1]
		}
		changes = append(changes, change{first, last, newLines})
		i = j
	}
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s (old)\n+++ %s (new)\n", file, file)
	shift := 0 // new line number minus old line number so far
	for i := 0; i < len(changes); {
		// A hunk holds the changes less than 2*context lines apart.
		j := i + 1
		for j < len(changes) && changes[j].first-changes[j-1].last-1 <= 2*context {
			j++
		}
		from := max(changes[i].first-context, 0)
		to := min(changes[j-1].last+context, len(lines)-1)
		var body strings.Builder
		oldCount, newCount := 0, 0
		at := from
		for _, c := range changes[i:j] {
			for ; at < c.first; at++ {
				diffLine(&body, " ", lines[at])
				oldCount++
				newCount++
			}
			for ; at <= c.last; at++ {
				diffLine(&body, "-", lines[at])
				oldCount++
			}
			for _, l := range c.new {
				diffLine(&body, "+", l)
				newCount++
			}
		}
		for ; at <= to; at++ {
			diffLine(&body, " ", lines[at])
			oldCount++
			newCount++
		}
		fmt.Fprintf(&b, "@@ -%d,%d +%d,%d @@\n", from+1, oldCount, from+1+shift, newCount)
		b.WriteString(body.String())
		shift += newCount - oldCount
		i = j
	}
	return b.String()
}

// diffLine writes one line of a hunk, marking a last line without a
// newline as diff does.
func diffLine(b *strings.Builder, prefix, line string) {
	b.WriteString(prefix + line)
	if !strings.HasSuffix(line, "\n") {
		b.WriteString("\n\\ No newline at end of file\n")
	}
}
