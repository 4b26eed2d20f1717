package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Valid codes, each check character computed by hand with the alphabet
// 0123456789ABCDEFGHJKLMNPQRTUWXY (value = index) and the weights
// 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28:
//
// 91110108551385082Q (the code quoted for Xiaomi in the README of the npm
// package uscc-utils):
//
//	9·1+1·3+1·9+1·27+0·19+1·26+0·16+8·17+5·20+5·29+1·25+3·13+8·8+5·24+0·10+8·30+2·28
//	= 999; 999 mod 31 = 7; (31−7) mod 31 = 24 → alphabet[24] = Q.
//
// 91350100M000100Y43 (the example in the Wikipedia article "Unified Social
// Credit Identifier"; M = 21, Y = 30):
//
//	9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+21·20+0·29+0·25+0·13+1·8+0·24+0·10+30·30+4·28
//	= 1640; 1640 mod 31 = 28; (31−28) mod 31 = 3 → alphabet[3] = 3.
//
// 12100000000013338R (made up, shaped like the code of a government organ;
// only the non-zero terms are shown):
//
//	1·1+2·3+1·9+1·8+3·24+3·10+3·30+8·28 = 440; 440 mod 31 = 6; 31−6 = 25 → R.
var validUSCCs = []string{"91110108551385082Q", "91350100M000100Y43", "12100000000013338R"}

func TestParseUSCCAcceptsHandCheckedCodes(t *testing.T) {
	for _, s := range validUSCCs {
		u, err := ParseUSCC(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, u.String(), s)
		assert.True(t, u.IsValid(), s)
	}
}

func TestParseUSCCUpperCasesLowerCase(t *testing.T) {
	u, err := ParseUSCC("91350100m000100y43")
	require.NoError(t, err)
	assert.Equal(t, "91350100M000100Y43", u.String())
	assert.Equal(t, MustUSCC(t, "91350100M000100Y43"), u, "== compares canonical codes")
}

func TestParseUSCCRejections(t *testing.T) {
	cases := []struct {
		name   string
		input  string
		reason USCCReason
		target error
		pos    int
	}{
		{"empty", "", USCCLength, ErrUSCCLength, -1},
		{"17 characters", "91350100M000100Y4", USCCLength, ErrUSCCLength, -1},
		{"19 characters", "91350100M000100Y433", USCCLength, ErrUSCCLength, -1},
		{"surrounding space changes the length", " 91350100M000100Y43", USCCLength, ErrUSCCLength, -1},
		{"letter I", "9135010IM000100Y43", USCCForbiddenLetter, ErrUSCCForbiddenLetter, 7},
		{"letter O", "91350100O000100Y43", USCCForbiddenLetter, ErrUSCCForbiddenLetter, 8},
		{"letter S", "S1350100M000100Y43", USCCForbiddenLetter, ErrUSCCForbiddenLetter, 0},
		{"letter V", "91350100M000100V43", USCCForbiddenLetter, ErrUSCCForbiddenLetter, 15},
		{"lower-case z", "91350100M000100Y4z", USCCForbiddenLetter, ErrUSCCForbiddenLetter, 17},
		{"hyphen", "91350100-000100Y43", USCCCharacter, ErrUSCCCharacter, 8},
		{"non-ASCII byte", "91350100\xc3000100Y43", USCCCharacter, ErrUSCCCharacter, 8},
		{"check character off by one", "91350100M000100Y44", USCCCheckCharacter, ErrUSCCCheckCharacter, 17},
		{"two digits swapped", "91350100M000010Y43", USCCCheckCharacter, ErrUSCCCheckCharacter, 17},
		{"check character of another code", "91110108551385082R", USCCCheckCharacter, ErrUSCCCheckCharacter, 17},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, err := ParseUSCC(tc.input)
			require.Error(t, err, tc.input)
			assert.False(t, u.IsValid(), "no value on error for %q", tc.input)
			assert.ErrorIs(t, err, ErrInvalidUSCC, tc.input)
			assert.ErrorIs(t, err, tc.target, tc.input)
			var ue *USCCError
			require.True(t, errors.As(err, &ue), tc.input)
			assert.Equal(t, tc.reason, ue.Reason, tc.input)
			assert.Equal(t, tc.pos, ue.Pos, tc.input)
			for _, other := range []error{ErrUSCCLength, ErrUSCCForbiddenLetter, ErrUSCCCharacter, ErrUSCCCheckCharacter} {
				if other != tc.target {
					assert.NotErrorIs(t, err, other, "%q matches only its own reason", tc.input)
				}
			}
		})
	}
}

func TestUSCCCheckErrorNamesExpectedCharacter(t *testing.T) {
	_, err := ParseUSCC("91350100M000100Y44")
	var ue *USCCError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, byte('3'), ue.Want)
}

func TestUSCCText(t *testing.T) {
	var u USCC
	require.NoError(t, u.UnmarshalText([]byte("91110108551385082q")))
	b, err := u.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "91110108551385082Q", string(b))
	err = u.UnmarshalText([]byte("bad"))
	assert.ErrorIs(t, err, ErrUSCCLength)
	assert.Equal(t, "91110108551385082Q", u.String(), "unchanged on error")
	require.NoError(t, u.UnmarshalText(nil))
	assert.False(t, u.IsValid(), "empty text is the zero value")
}

func TestUSCCReasonString(t *testing.T) {
	assert.Equal(t, "check_character", USCCCheckCharacter.String())
	assert.Equal(t, "USCCReason(9)", USCCReason(9).String())
}

// MustUSCC parses a code known to be valid.
func MustUSCC(t testing.TB, s string) USCC {
	t.Helper()
	u, err := ParseUSCC(s)
	require.NoError(t, err, s)
	return u
}

// slowCheck recomputes the check character the long way, as a reference.
func slowCheck(s string) (byte, bool) {
	sum := 0
	for i := range 17 {
		v := strings.IndexByte(usccAlphabet, s[i])
		if v < 0 {
			return 0, false
		}
		sum += v * usccWeights[i]
	}
	return usccAlphabet[(31-sum%31)%31], true
}

func FuzzParseUSCC(f *testing.F) {
	for _, s := range validUSCCs {
		f.Add(s)
	}
	f.Add("91350100m000100y43")
	f.Add("9135010IM000100Y43")
	f.Add("91350100M000100Y44")
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseUSCC(s)
		if err != nil {
			assert.False(t, u.IsValid())
			assert.ErrorIs(t, err, ErrInvalidUSCC)
			return
		}
		up := strings.ToUpper(s)
		assert.Equal(t, up, u.String(), "parse only upper-cases")
		want, ok := slowCheck(up)
		require.True(t, ok)
		assert.Equal(t, want, up[17], "agrees with the reference check")
		again, err := ParseUSCC(u.String())
		require.NoError(t, err, "parse → string → parse")
		assert.Equal(t, u, again)
	})
}

// A USCCError built by hand with a position outside its input still has a
// message.
func TestUSCCErrorOutsideItsInput(t *testing.T) {
	for _, pos := range []int{-1, 0, 18, 40} {
		e := &USCCError{Input: "", Reason: USCCCheckCharacter, Pos: pos, Want: 'X'}
		assert.Contains(t, e.Error(), "check character", "position %d", pos)
	}
}
