package analysisutil

import (
	"slices"
	"testing"
)

func TestCamelWords(t *testing.T) {
	for name, want := range map[string][]string{
		"GetUserByID":    {"get", "user", "by", "id"},
		"HTTPServer":     {"http", "server"},
		"ApplyConfig":    {"apply", "config"},
		"closePrepared":  {"close", "prepared"},
		"close_prepared": {"close", "prepared"},
		"x":              {"x"},
		"":               nil,
	} {
		if got := CamelWords(name); !slices.Equal(got, want) {
			t.Errorf("CamelWords(%q) = %q, want %q", name, got, want)
		}
	}
}
