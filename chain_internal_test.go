package grassroots

import (
	"strings"
	"testing"
)

// TestIsHexHashEveryByteEveryPlace holds the word-at-a-time check to
// its rule: every byte value at every place of an otherwise valid hash.
func TestIsHexHashEveryByteEveryPlace(t *testing.T) {
	valid := strings.Repeat("0123456789abcdef", 4)
	for i := range 64 {
		for c := range 256 {
			s := valid[:i] + string(rune(0)) + valid[i+1:]
			b := []byte(s)
			b[i] = byte(c)
			want := c >= '0' && c <= '9' || c >= 'a' && c <= 'f'
			if got := isHexHash(string(b)); got != want {
				t.Fatalf("isHexHash with byte %#x at %d = %v, want %v", c, i, got, want)
			}
		}
	}
	for _, s := range []string{"", valid[:63], valid + "0"} {
		if isHexHash(s) {
			t.Errorf("isHexHash(%q) = true", s)
		}
	}
}

// TestIsPlainPathEveryByte holds the table to its rule.
func TestIsPlainPathEveryByte(t *testing.T) {
	for c := range 256 {
		want := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-._~/", rune(c))
		if got := isPlainPath("/x" + string([]byte{byte(c)})); got != want {
			t.Errorf("isPlainPath with byte %#x = %v, want %v", c, got, want)
		}
	}
	if isPlainPath("//host") {
		t.Error(`isPlainPath("//host") = true`)
	}
}
