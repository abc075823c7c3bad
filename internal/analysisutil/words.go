package analysisutil

import (
	"strings"
	"unicode"
)

// CamelWords splits a Go name into lowercase words at case changes and
// underscores, keeping acronyms whole: "GetUserByID" is get, user, by,
// id; "HTTPServer" is http, server; "close_prepared" is close, prepared.
func CamelWords(name string) []string {
	var words []string
	runes := []rune(name)
	start := 0
	for i := 1; i <= len(runes); i++ {
		if i == len(runes) || runes[i] == '_' ||
			(unicode.IsUpper(runes[i]) && (!unicode.IsUpper(runes[i-1]) || (i+1 < len(runes) && unicode.IsLower(runes[i+1])))) {
			if w := strings.Trim(string(runes[start:i]), "_"); w != "" {
				words = append(words, strings.ToLower(w))
			}
			start = i
		}
	}
	return words
}
