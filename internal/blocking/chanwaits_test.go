package blocking

import (
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/srctest"
)

// TestWaitsOnChannels checks the test that decides whether run builds the
// channel tables: every way of waiting on a channel counts, and a package
// that only makes, passes or closes channels does not.
func TestWaitsOnChannels(t *testing.T) {
	for _, tc := range []struct {
		body string
		want bool
	}{
		{"ch <- 1", true},
		{"<-ch", true},
		{"select {}", true},
		{"for range ch {}", true},
		{"for range s {}; x := -1; _ = x", false},
		{"close(ch); _ = make(chan int, 1); use(ch)", false},
	} {
		src := "package p\n\nfunc use(chan int) {}\n\nfunc f(ch chan int, s []int) {\n" + tc.body + "\n}\n"
		_, file, info := srctest.Check(t, src, types.Config{})
		if got := waitsOnChannels(info, inspector.New([]*ast.File{file})); got != tc.want {
			t.Errorf("%q: waitsOnChannels = %v, want %v", tc.body, got, tc.want)
		}
	}
	// A range over a type parameter may be over a channel.
	const generic = "package p\n\nfunc f[C ~chan int](ch C) {\n\tfor range ch {\n\t}\n}\n"
	_, file, info := srctest.Check(t, generic, types.Config{})
	if !waitsOnChannels(info, inspector.New([]*ast.File{file})) {
		t.Error("range over a type parameter: waitsOnChannels = false, want true")
	}
}
