package risk

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

// TestTextOKAgreesWithItsRule holds textOK, with its shortcut for
// printable ASCII, to its rule rune by rune, on strings pieced together
// from ASCII, control bytes, invalid bytes and noncharacters.
func TestTextOKAgreesWithItsRule(t *testing.T) {
	rule := func(s string) bool {
		if !utf8.ValidString(s) {
			return false
		}
		for _, r := range s {
			if canonjson.IsNoncharacter(r) {
				return false
			}
		}
		return true
	}
	pieces := []string{"a", "Z", " ", "~", "\x00", "\t", "\x7f", "\x80", "\xff", "é", "\ufdd0", "\ufffe", "\U0010ffff", "漢", strings.Repeat("x", 9)}
	r := rand.New(rand.NewPCG(5, 6))
	for range 50_000 {
		var b strings.Builder
		for n := r.IntN(6); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		if s := b.String(); textOK(s) != rule(s) {
			t.Fatalf("%q: textOK %v, the rule %v", s, textOK(s), rule(s))
		}
	}
}
