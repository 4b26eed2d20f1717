package grid

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var codeTable = []struct {
	in string
	ok bool
}{
	{"330302001001-07", true},
	{"a", true},
	{"Grid_7.b-2", true},
	{strings.Repeat("x", 32), true},
	{"", false},
	{strings.Repeat("x", 33), false},
	{"has space", false},
	{"路", false},
	{"a/b", false},
	{"a\x00", false},
}

func TestParseCode(t *testing.T) {
	for _, tc := range codeTable {
		c, err := ParseCode(tc.in)
		if !tc.ok {
			assert.ErrorIs(t, err, ErrInvalidCode, "%q", tc.in)
			assert.Empty(t, c, "%q", tc.in)
			continue
		}
		require.NoError(t, err, "%q", tc.in)
		assert.Equal(t, tc.in, c.String())
	}
}

var codePattern = regexp.MustCompile(`^[0-9A-Za-z._-]{1,32}$`)

func FuzzParseCode(f *testing.F) {
	for _, tc := range codeTable {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		if !codePattern.MatchString(s) {
			assert.ErrorIs(t, err, ErrInvalidCode, "%q", s)
			return
		}
		require.NoError(t, err, "%q", s)
		assert.Equal(t, s, string(c))
		assert.NoError(t, c.Validate())
	})
}
