package canonjson

import (
	"flag"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var seedFlag = flag.Uint64("canonjson.seed", 0, "seed of the randomised tests (0: a fresh one, logged)")

// seededRand returns a generator from -canonjson.seed, or from a fresh
// seed when the flag is zero; the seed is logged either way.
func seededRand(t *testing.T) *rand.Rand {
	seed := *seedFlag
	if seed == 0 {
		seed = rand.Uint64()
	}
	t.Logf("seed %d (replay with -canonjson.seed=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, 2))
}

// gen writes random JSON texts: mostly valid, often already canonical
// (sorted names, no white space), with the hostile cases mixed in:
// escapes, surrogates, noncharacters, invalid UTF-8, repeated and
// unsorted names, inexact numbers, deep nesting and broken syntax.
type gen struct {
	r *rand.Rand
	b strings.Builder
}

var genStrings = []string{
	"", "a", "b", "ab", "aggregate_id", "actor", "z", "\u00e9", "\u8857\u9053", "\U0001F600", "\ufb33",
	"\uFDD0", "\uFFFE", "\x7f", "\u0080", "12345678", "abcdefghijklmnop", "quote\"inside", "back\\slash",
	"\\u0041", "\\ud83d\\ude00", "\\ud83d", "\\ude00", "\\n\\t\\/", "\\x", "\xff", "\xc3", "tab\there",
	"line\nbreak", "\\u00e9\\u0000", "\\uFDD0", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
}

var genNumbers = []string{
	"0", "-0", "1", "-1", "15", "123456789012345", "1234567890123456", "9007199254740993", "1.5", "1.50",
	"4.50", "2e-3", "1E30", "1e400", "-1e400", "0.1", "1e+21", "1e21", "333333333.33333329", "00", "01",
	"1.", ".5", "-", "1e", "1e+", "5e-324", "2.5e-324", "0.30000000000000004",
}

func (g *gen) str() {
	s := genStrings[g.r.IntN(len(genStrings))]
	if g.r.IntN(4) == 0 {
		s += genStrings[g.r.IntN(len(genStrings))]
	}
	g.b.WriteByte('"')
	g.b.WriteString(s)
	g.b.WriteByte('"')
}

func (g *gen) space() {
	if g.r.IntN(8) == 0 {
		g.b.WriteString([]string{" ", "\n", "\t ", "\r\n"}[g.r.IntN(4)])
	}
}

func (g *gen) value(depth int) {
	g.space()
	n := 9
	if depth > 6 {
		n = 5
	}
	switch g.r.IntN(n) {
	case 0:
		g.str()
	case 1:
		g.b.WriteString(genNumbers[g.r.IntN(len(genNumbers))])
	case 2:
		g.b.WriteString([]string{"true", "false", "null", "nul", "tru"}[g.r.IntN(5)])
	case 3:
		g.b.WriteString(strconv.Itoa(g.r.IntN(1000)))
	case 4:
		g.str()
	case 5, 6, 7:
		g.object(depth + 1)
	default:
		g.b.WriteByte('[')
		for i := range g.r.IntN(4) {
			if i > 0 {
				g.b.WriteByte(',')
			}
			g.value(depth + 1)
		}
		g.b.WriteByte(']')
	}
	g.space()
	if g.r.IntN(200) == 0 {
		g.b.WriteString([]string{",", "}", "]", ":", "\"", "x"}[g.r.IntN(6)])
	}
}

func (g *gen) object(depth int) {
	g.b.WriteByte('{')
	names := make([]string, g.r.IntN(6))
	for i := range names {
		names[i] = genStrings[g.r.IntN(len(genStrings))]
	}
	if g.r.IntN(2) == 0 {
		// Sorted names, the canonical case (duplicates still possible).
		sortStrings(names)
	}
	for i, name := range names {
		if i > 0 {
			g.b.WriteByte(',')
		}
		g.space()
		g.b.WriteByte('"')
		g.b.WriteString(name)
		g.b.WriteByte('"')
		g.space()
		g.b.WriteByte(':')
		g.value(depth)
	}
	g.b.WriteByte('}')
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func (g *gen) text() []byte {
	g.b.Reset()
	switch g.r.IntN(20) {
	case 0:
		g.b.WriteString(strings.Repeat("[", 510+g.r.IntN(5)))
		g.b.WriteString(strings.Repeat("]", 510+g.r.IntN(5)))
	case 1:
		g.value(0)
	default:
		g.object(0)
	}
	return []byte(g.b.String())
}

// agree checks every entry point of the package against the reference on
// one input: the same output, or the same error, field for field.
func agree(t *testing.T, in []byte) {
	t.Helper()
	prefix := []byte("prefix:")
	for _, exact := range []bool{false, true} {
		got, err := appendCanonical(prefix, in, exact)
		want, wantErr := refAppendCanonical(prefix, in, exact)
		if !assert.Equal(t, wantErr, err, "error for %q (exact %v)", in, exact) {
			return
		}
		if !assert.Equal(t, string(want), string(got), "output for %q (exact %v)", in, exact) {
			return
		}
	}
	out, err := refAppendCanonical(nil, in, true)
	if !assert.Equal(t, err == nil && string(out) == string(in), IsCanonical(in), "IsCanonical(%q) against the reference", in) {
		return
	}
	if err == nil && !assert.True(t, IsCanonical(out), "IsCanonical of the canonical form %q", out) {
		return
	}
	type call struct{ name, raw, canonical string }
	collect := func(members func([]byte, func(string, []byte, []byte) error) error) ([]call, error) {
		var calls []call
		err := members(in, func(name string, raw, canonical []byte) error {
			calls = append(calls, call{name, string(raw), string(canonical)})
			return nil
		})
		return calls, err
	}
	got, err := collect(Members)
	want, wantErr := collect(refMembers)
	assert.Equal(t, wantErr, err, "Members error for %q", in)
	assert.Equal(t, want, got, "Members calls for %q", in)
	s, err := Unquote(in)
	rs, rerr := refUnquote(in)
	assert.Equal(t, rerr, err, "Unquote error for %q", in)
	assert.Equal(t, rs, s, "Unquote of %q", in)
}

func TestDifferentialRandom(t *testing.T) {
	g := &gen{r: seededRand(t)}
	valid, canonical := 0, 0
	for range 20000 {
		in := g.text()
		agree(t, in)
		if t.Failed() {
			return
		}
		if out, err := AppendExact(nil, in); err == nil {
			valid++
			if string(out) == string(in) {
				canonical++
			}
		}
	}
	// The generator must reach both paths, or the test proves nothing.
	require.Greater(t, valid, 2000, "valid inputs")
	require.Greater(t, canonical, 500, "inputs already canonical")
	t.Logf("%d valid, %d already canonical", valid, canonical)
}

func TestDifferentialHostile(t *testing.T) {
	for _, in := range []string{
		``, `{`, `}`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{"a":1,"a":2}`, `{"b":1,"a":2,"b":3}`, `{"a":1,"b":2,"a":3}`,
		`{"a":{"b":1,"b":1}}`, `{"a":[{"y":1,"x":2},{"x":1,"y":2}]}`, `{"\u0061":1,"a":2}`, `{"a":1,"\u0061":2}`,
		`{"ab":"12345678\"9"}`, `{"abcdefgh":"abcdefg\\"}`, `"abcdefgh\u0000"`, "\"abcdefg\x1f\"", "\"abcdefg\x80\"",
		"\"abcdefghijklmno\xff\"", `"abcdefgh`, `{"abcdefghijklmnopq":"abcdefghijklmnopqrstuvwxyz0123456789"}`,
		`{"z":{"b":[1,2,{"d":4,"c":3}],"a":0},"a":{"y":1,"x":2}}`, "{\"\ufb33\":1,\"\U0001F600\":2}",
		"{\"\U0001F600\":1,\"\ufb33\":2}", `{"a":1.0}`, `{"a":9007199254740993}`, `{"a":1e400}`, `[1,2]x`,
		`{"a":1} {"b":2}`, strings.Repeat(`{"a":`, 513) + "1" + strings.Repeat("}", 513),
		strings.Repeat(`{"a":`, 512) + "1" + strings.Repeat("}", 512),
		`{"\n":1,"\"":2}`, `{"\"":1,"\n":2}`, `{"a\u0001":1,"a\n":2}`, `{"a\n":1,"a\u0001":2}`, `{"\\":1,"a":2}`,
		`{"a":1,"a\u001f":2}`, `{"a\u001f":1,"a":2}`, `{"a\u001F":1}`, `{"\u000a":1}`, `["\/"]`, `["\u0020"]`,
		`[1e+21,1.5,0.1,5e-324,-1,1e-7]`, `[1E+21]`, `[-0]`, `[-0.0]`, `[1.50]`, `[100000000000000000000]`,
		`[1e21]`, `[123456789012345,1234567890123456]`, "\"\u007f\x7f\"", `{}`, `[]`, `[{}]`, ` {}`, `{} `,
	} {
		agree(t, []byte(in))
	}
}

// FuzzDifferential holds the package to its reference on any input.
func FuzzDifferential(f *testing.F) {
	g := &gen{r: rand.New(rand.NewPCG(1, 2))}
	for range 64 {
		f.Add(g.text())
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		agree(t, in)
	})
}

// The pool must hand out parsers that have forgotten earlier input:
// canonicalising a small object after a large one, and the other way
// round, gives what a fresh parser gives.
func TestPooledParserForgets(t *testing.T) {
	wide := `{"z":1,"y":2,"x":3,"w":4,"v":5,"u":{"b":1,"a":2,"c":3,"d":4}}`
	narrow := `{"b":{"d":1,"c":2},"a":0}`
	for _, in := range []string{wide, narrow, wide, narrow} {
		got, err := Transform([]byte(in))
		require.NoError(t, err)
		want, err := refTransform([]byte(in))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "input %s", in)
	}
	// A parser forgets an object written whole, and one that failed part
	// way after a smaller one left room in the parser's slices.
	for _, inputs := range [][]string{{wide}, {`{"e":1,"d":2,"c":3,"b":4,"a":5}`, `{"z":1,"y":2,"x":3,"w":4,"v":5,"u":6,"t":`}} {
		p := new(parser)
		for k, in := range inputs {
			p.in, p.pos = []byte(in), 0
			_, err := p.value(nil, 0)
			require.Equal(t, k == 0, err == nil, "input %s: %v", in, err)
		}
		putParser(p)
		for i := range p.members {
			for j, m := range p.members[i][:cap(p.members[i])] {
				assert.Nil(t, m.key, "after %q: member %d at depth %d still refers to the input", inputs, j, i)
			}
		}
		assert.True(t, reflect.DeepEqual(p.in, []byte(nil)), "after %q: input released", inputs)
	}
}

// hasSpecial must agree with a byte-by-byte test on every word, including
// words whose bytes sit next to each boundary (0x1f/0x20, 0x7f/0x80, the
// neighbours of the quote and the backslash).
func TestHasSpecial(t *testing.T) {
	r := seededRand(t)
	edges := []byte{0x00, 0x1f, 0x20, 0x21, '"' - 1, '"', '"' + 1, '\\' - 1, '\\', '\\' + 1, 0x7f, 0x80, 0xff, 'a'}
	for range 200000 {
		var word [8]byte
		for i := range word {
			if r.IntN(3) == 0 {
				word[i] = edges[r.IntN(len(edges))]
			} else {
				word[i] = byte(r.IntN(256))
			}
			if r.IntN(2) == 0 {
				word[i] = 'a' + byte(r.IntN(26))
			}
		}
		want := false
		for _, c := range word {
			want = want || c < 0x20 || c == '"' || c == '\\' || c >= 0x80
		}
		w := uint64(0)
		for i := 7; i >= 0; i-- {
			w = w<<8 | uint64(word[i])
		}
		if hasSpecial(w) != want {
			t.Fatalf("hasSpecial(%q) = %v, want %v", word[:], !want, want)
		}
	}
}

// The word-at-a-time scans must agree with their byte-by-byte
// definitions on strings of every length around the word size.
func TestWordScans(t *testing.T) {
	r := seededRand(t)
	alphabet := []byte{0x00, 0x09, 0x1f, 0x20, '"', '\\', 'a', 'Z', 0x7e, 0x7f, 0x80, 0xc3, 0xa9, 0xff, 0xef, 0xbf, 0xbe, 0xb7, 0x90}
	for range 100000 {
		b := make([]byte, r.IntN(20))
		for i := range b {
			if r.IntN(4) == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			} else {
				b[i] = 'a' + byte(r.IntN(26))
			}
		}
		s := string(b)
		plain := true
		for _, c := range b {
			plain = plain && c >= 0x20 && c < 0x7f
		}
		require.Equal(t, plain, IsPlainASCII(s), "IsPlainASCII(%q)", s)
		text := refCheckText(b, 0) == nil
		require.Equal(t, text, IsText(s), "IsText(%q)", s)
		require.Equal(t, text, IsTextBytes(b), "IsTextBytes(%q)", s)
		require.Equal(t, string(refAppendString(nil, s)), string(AppendBytes(nil, b)), "AppendBytes(%q)", s)
		require.Equal(t, string(refAppendString(nil, s)), string(AppendString(nil, s)), "AppendString(%q)", s)
	}
}
