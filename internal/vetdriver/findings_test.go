package vetdriver

import (
	"go/token"
	"testing"
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
