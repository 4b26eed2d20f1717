package canonjson

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The example of RFC 8785 section 3.2.2, output byte for byte.
func TestTransformRFC8785Example(t *testing.T) {
	in := `{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`
	want := "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27]," +
		"\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}"
	got, err := Transform([]byte(in))
	require.NoError(t, err)
	assert.Equal(t, want, string(got))
}

// The sorting example of RFC 8785 section 3.2.3: member names ordered by
// UTF-16 code units, so the emoji (a surrogate pair, 0xD83D…) sorts before
// U+FB33 although its UTF-8 bytes are larger.
func TestTransformRFC8785Sorting(t *testing.T) {
	in := `{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`
	want := "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"," +
		"\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\"," +
		"\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}"
	got, err := Transform([]byte(in))
	require.NoError(t, err)
	assert.Equal(t, want, string(got))
}

// The number serialisation samples of RFC 8785 Appendix B, given there as
// IEEE 754 bit patterns.
func TestAppendNumberRFC8785AppendixB(t *testing.T) {
	cases := []struct {
		bits uint64
		want string
	}{
		{0x0000000000000000, "0"},
		{0x8000000000000000, "0"},
		{0x0000000000000001, "5e-324"},
		{0x8000000000000001, "-5e-324"},
		{0x7fefffffffffffff, "1.7976931348623157e+308"},
		{0xffefffffffffffff, "-1.7976931348623157e+308"},
		{0x4340000000000000, "9007199254740992"},
		{0xc340000000000000, "-9007199254740992"},
		{0x4430000000000000, "295147905179352830000"},
		{0x44b52d02c7e14af5, "9.999999999999997e+22"},
		{0x44b52d02c7e14af6, "1e+23"},
		{0x44b52d02c7e14af7, "1.0000000000000001e+23"},
		{0x444b1ae4d6e2ef4e, "999999999999999700000"},
		{0x444b1ae4d6e2ef4f, "999999999999999900000"},
		{0x444b1ae4d6e2ef50, "1e+21"},
		{0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
		{0x3eb0c6f7a0b5ed8d, "0.000001"},
		{0x41b3de4355555553, "333333333.3333332"},
		{0x41b3de4355555554, "333333333.33333325"},
		{0x41b3de4355555555, "333333333.3333333"},
		{0x41b3de4355555556, "333333333.3333334"},
		{0x41b3de4355555557, "333333333.33333343"},
		{0xbecbf647612f3696, "-0.0000033333333333333333"},
		{0x43143ff3c1cb0959, "1424953923781206.2"},
	}
	for _, c := range cases {
		f := math.Float64frombits(c.bits)
		got, err := AppendNumber(nil, f)
		require.NoError(t, err, "bits %016x", c.bits)
		assert.Equal(t, c.want, string(got), "bits %016x", c.bits)
	}
}

func TestAppendNumberRejectsNaNAndInfinity(t *testing.T) {
	for _, bits := range []uint64{0x7fffffffffffffff, 0x7ff0000000000000, 0xfff0000000000000} {
		_, err := AppendNumber(nil, math.Float64frombits(bits))
		assert.ErrorIs(t, err, ErrNumber, "bits %016x", bits)
	}
}

func TestTransformRejects(t *testing.T) {
	cases := map[string]string{
		"duplicate member name":       `{"a":1,"a":2}`,
		"duplicate after unescaping":  `{"a":1,"\u0061":2}`,
		"leading zero":                `[01]`,
		"trailing data":               `{} x`,
		"lone high surrogate":         `["\ud83d"]`,
		"lone low surrogate":          `["\ude00"]`,
		"raw control character":       "[\"a\x01\"]",
		"invalid UTF-8":               "[\"\xff\"]",
		"number overflowing a double": `[1e400]`,
		"unterminated":                `{"a":[1,2`,
		"bare word":                   `[nul]`,
		"missing value":               `{"a":}`,
		"trailing comma":              `[1,]`,
	}
	for name, in := range cases {
		_, err := Transform([]byte(in))
		assert.Error(t, err, "%s: %q", name, in)
	}
	_, err := Transform([]byte(`[1e400]`))
	assert.True(t, errors.Is(err, ErrNumber), "overflow matches ErrNumber")
}

func TestTransformIsIdempotentAndValid(t *testing.T) {
	in := `{"b":[1.0,-0,1e2,{"z":"\u00e9\t"}],"a":{"y":true,"x":null}}`
	once, err := Transform([]byte(in))
	require.NoError(t, err)
	assert.Equal(t, `{"a":{"x":null,"y":true},"b":[1,0,100,{"z":"é\t"}]}`, string(once))
	twice, err := Transform(once)
	require.NoError(t, err)
	assert.Equal(t, string(once), string(twice))
}

func TestCompareUTF16(t *testing.T) {
	assert.Equal(t, -1, CompareUTF16("\U0001F600", "\uFB33"), "surrogate pair sorts before U+FB33")
	assert.Equal(t, 1, CompareUTF16("\uFB33", "\U0001F600"))
	assert.Equal(t, -1, CompareUTF16("a", "ab"))
	assert.Equal(t, 0, CompareUTF16("ab", "ab"))
	assert.Equal(t, -1, CompareUTF16("\U0001F600", "\U0001F601"), "same high surrogate, low decides")
}

// Canonical output must always be valid JSON that decodes to the same
// value, and canonicalising twice changes nothing.
func FuzzTransform(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `[1.5e300,-0.0,"\u0000"]`, `{"\ud83d\ude00":{"":[]}}`, `"x"`, `true`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := Transform(in)
		if err != nil {
			return
		}
		if !json.Valid(out) {
			t.Fatalf("invalid JSON from %q: %q", in, out)
		}
		again, err := Transform(out)
		if err != nil {
			t.Fatalf("canonical output rejected: %q: %v", out, err)
		}
		if string(again) != string(out) {
			t.Fatalf("not idempotent: %q then %q", out, again)
		}
	})
}
