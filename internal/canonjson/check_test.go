package canonjson

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// IsCanonical must agree with the reference canonicaliser on number
// literals of every shape near the edges of its shortcut: up to 17
// digits, fractions with leading and trailing zeros, exponents, and
// magnitudes around 10⁻⁶.
func TestIsCanonicalNumbers(t *testing.T) {
	r := seededRand(t)
	digits := func(n int, first byte) string {
		var b strings.Builder
		for i := range n {
			c := byte('0' + r.IntN(10))
			if i == 0 && first != 0 {
				c = first
			}
			if r.IntN(4) == 0 {
				c = '0'
			}
			b.WriteByte(c)
		}
		return b.String()
	}
	canonical := 0
	for range 200000 {
		var lit string
		if r.IntN(2) == 0 {
			lit = "-"
		}
		if r.IntN(3) == 0 {
			lit += "0"
		} else {
			lit += digits(1+r.IntN(17), byte('1'+r.IntN(9)))
		}
		if r.IntN(5) != 0 {
			lit += "." + strings.Repeat("0", r.IntN(8)) + digits(1+r.IntN(17), 0)
		}
		if r.IntN(8) == 0 {
			lit += []string{"e", "E", "e+", "e-"}[r.IntN(4)] + digits(1+r.IntN(3), 0)
		}
		in := []byte("[" + lit + "]")
		out, err := refAppendCanonical(nil, in, true)
		want := err == nil && string(out) == string(in)
		require.Equal(t, want, IsCanonical(in), "IsCanonical(%s) against the reference (%s, %v)", in, out, err)
		if want {
			canonical++
		}
	}
	require.Greater(t, canonical, 20000, "canonical literals met")
	t.Logf("%d canonical", canonical)
}

// FirstSpecial must find what a byte-by-byte scan finds, whatever the
// bytes after the first special one (borrows must not reach below it).
func TestFirstSpecial(t *testing.T) {
	r := seededRand(t)
	edges := []byte{0x00, 0x01, 0x1f, 0x20, 0x21, '"' - 1, '"', '"' + 1, '\\' - 1, '\\', '\\' + 1, 0x7f, 0x80, 0xff, 'a'}
	for range 200000 {
		b := make([]byte, r.IntN(20))
		for i := range b {
			switch r.IntN(3) {
			case 0:
				b[i] = edges[r.IntN(len(edges))]
			case 1:
				b[i] = byte(r.IntN(256))
			default:
				b[i] = 'a' + byte(r.IntN(26))
			}
		}
		from := r.IntN(len(b) + 1)
		want := from
		for want < len(b) && b[want] >= 0x20 && b[want] != '"' && b[want] != '\\' && b[want] < 0x80 {
			want++
		}
		require.Equal(t, want, FirstSpecial(b, from), "FirstSpecial(%q, %d)", b, from)
	}
}
