package vetdriver

import (
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/conclint/conclint/internal/report"
)

func TestParsePosn(t *testing.T) {
	for in, want := range map[string]token.Position{
		"/a/b.go:3:14":   {Filename: "/a/b.go", Line: 3, Column: 14},
		"C:/a/b.go:3:14": {Filename: "C:/a/b.go", Line: 3, Column: 14},
		"/a/b.go:3":      {Filename: "/a/b.go", Line: 3},
		"/a/b.go":        {Filename: "/a/b.go"},
		"/a:x/b.go:2:1":  {Filename: "/a:x/b.go", Line: 2, Column: 1},
	} {
		if got := parsePosn(in); got != want {
			t.Errorf("parsePosn(%q) = %+v, want %+v", in, got, want)
		}
	}
}

func TestFailures(t *testing.T) {
	stderr := "go: downloading example.com/x v1.0.0\n# example.com/a\na/a.go:3:23: undefined: x\na/a.go:4:1: undefined: y\n# example.com/b [example.com/b.test]\npanic: boom\n\ngoroutine 1\n"
	var passed strings.Builder
	got := failures(strings.NewReader(stderr), &passed)
	want := []report.Failure{
		{Package: "example.com/a", Message: "a/a.go:3:23: undefined: x\na/a.go:4:1: undefined: y"},
		{Package: "example.com/b [example.com/b.test]", Message: "panic: boom\ngoroutine 1"},
	}
	if !slices.Equal(got, want) || passed.String() != "go: downloading example.com/x v1.0.0\n" {
		t.Errorf("got %q, passed on %q", got, passed.String())
	}
}
