// Package canonjson implements the JSON Canonicalization Scheme of RFC 8785
// (JCS): object members sorted by the UTF-16 code units of their names, no
// insignificant white space, strings with the minimal escaping of ECMAScript's
// JSON.stringify, and numbers in ECMAScript's Number-to-String form.
//
// The canonical bytes are what the event hash chain covers, so any language
// with a JCS implementation can recompute a hash written by this SDK.
package canonjson

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// Error reports why input could not be canonicalized, with the byte offset
// at which the problem was found.
type Error struct {
	Offset int
	Msg    string
	// Member is, for Members, the name of the top-level member in which
	// the problem lies; empty elsewhere.
	Member string
	// Err is ErrNumber or ErrInexact for a number problem, else nil.
	Err error
}

func (e *Error) Error() string {
	return fmt.Sprintf("canonjson: %s at offset %d", e.Msg, e.Offset)
}

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// ErrNumber is matched by errors for numbers JCS cannot represent (NaN,
// infinities, or literals that overflow IEEE 754 double precision).
var ErrNumber = errors.New("canonjson: number out of range")

// ErrInexact is matched by errors for a number whose decimal value is not
// the value of any IEEE 754 double: an integer beyond 2^53 that no double
// holds, or a decimal with more digits than a double keeps. Two such
// literals can canonicalise to the same double, so a change to one would
// go unseen by a hash; such values belong in strings.
var ErrInexact = errors.New("canonjson: number is not exactly representable as a double")

// MaxDepth is the deepest nesting of arrays and objects accepted.
const MaxDepth = maxDepth

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 512

// Transform returns the canonical form of one JSON text. The text must be
// I-JSON (RFC 7493): duplicate member names, invalid UTF-8, lone surrogate
// escapes, noncharacters, trailing data, nesting deeper than 512 levels and
// numbers outside the double range (ErrNumber) are errors. A number is
// replaced by the double nearest to it, as RFC 8785 prescribes.
func Transform(in []byte) ([]byte, error) {
	return AppendTransform(make([]byte, 0, len(in)), in)
}

// AppendTransform appends the canonical form of in to dst.
func AppendTransform(dst, in []byte) ([]byte, error) { return appendCanonical(dst, in, false) }

// AppendExact appends the canonical form of in to dst as AppendTransform
// does, and also refuses every number whose decimal value no double holds
// exactly (ErrInexact), so that distinct inputs never share a canonical
// form.
func AppendExact(dst, in []byte) ([]byte, error) { return appendCanonical(dst, in, true) }

// parsers holds parsers between calls so that their per-depth scratch
// space is reused: canonicalising an event's data then allocates nothing
// beyond what the output needs.
var parsers = sync.Pool{New: func() any { return new(parser) }}

// maxPooledScratch bounds the scratch a pooled parser keeps, so one huge
// input does not pin its buffers for the life of the process.
const maxPooledScratch = 64 << 10

func getParser(in []byte, exact bool) *parser {
	p := parsers.Get().(*parser)
	p.in, p.pos, p.exact = in, 0, exact
	return p
}

func putParser(p *parser) {
	p.in = nil
	for i := range p.scratch {
		if cap(p.scratch[i]) > maxPooledScratch || cap(p.members[i]) > maxPooledScratch/32 {
			p.scratch, p.members = nil, nil
			break
		}
		// Clearing the whole capacity drops every reference into the
		// input, those of an object that failed part way among them.
		clear(p.members[i][:cap(p.members[i])])
	}
	if cap(p.values) > maxPooledScratch {
		p.values = nil
	}
	parsers.Put(p)
}

func appendCanonical(dst, in []byte, exact bool) ([]byte, error) {
	if IsCanonical(in) {
		// Its own canonical form, exact or not: copying it is cheaper
		// than writing it again.
		return append(dst, in...), nil
	}
	p := getParser(in, exact)
	defer putParser(p)
	p.skipSpace()
	out, err := p.value(dst, 0)
	if err != nil {
		return dst, err
	}
	p.skipSpace()
	if p.pos != len(p.in) {
		return dst, p.fail("trailing data")
	}
	return out, nil
}

type parser struct {
	in    []byte
	pos   int
	exact bool // refuse numbers no double holds exactly
	// Per-depth scratch space, reused by every object at that depth: the
	// members of an object are written straight to the output, and only
	// an object whose names are out of order is copied into
	// scratch[depth] to be sorted and written again, so canonical input is
	// copied once and deep or wide input costs no more allocations than
	// its widest level.
	scratch [][]byte
	members [][]member
	// values holds, for Members, the canonical form of the member being
	// reported.
	values []byte
}

func (p *parser) fail(msg string) error { return &Error{Offset: p.pos, Msg: msg} }

func (p *parser) skipSpace() {
	for p.pos < len(p.in) {
		switch p.in[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value(dst []byte, depth int) ([]byte, error) {
	if depth > maxDepth {
		return dst, p.fail("nesting too deep")
	}
	if p.pos >= len(p.in) {
		return dst, p.fail("unexpected end of input")
	}
	switch c := p.in[p.pos]; {
	case c == '{':
		return p.object(dst, depth)
	case c == '[':
		return p.array(dst, depth)
	case c == '"':
		start := p.pos
		s, escaped, err := p.str()
		if err != nil {
			return dst, err
		}
		if !escaped {
			// Without escapes the text holds no quote, backslash or
			// control character: it is its own canonical form.
			return append(dst, p.in[start:p.pos]...), nil
		}
		return appendEscaped(dst, s), nil
	case c == 't':
		return p.literal(dst, "true")
	case c == 'f':
		return p.literal(dst, "false")
	case c == 'n':
		return p.literal(dst, "null")
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number(dst)
	default:
		return dst, p.fail(fmt.Sprintf("unexpected character %q", c))
	}
}

func (p *parser) literal(dst []byte, word string) ([]byte, error) {
	if len(p.in)-p.pos < len(word) || string(p.in[p.pos:p.pos+len(word)]) != word {
		return dst, p.fail("invalid literal")
	}
	p.pos += len(word)
	return append(dst, word...), nil
}

type member struct {
	key        []byte
	start, end int // the member's text ("name":value) in the output
}

func (p *parser) object(dst []byte, depth int) ([]byte, error) {
	p.pos++ // '{'
	p.skipSpace()
	if p.pos < len(p.in) && p.in[p.pos] == '}' {
		p.pos++
		return append(dst, '{', '}'), nil
	}
	for len(p.scratch) <= depth {
		p.scratch = append(p.scratch, nil)
		p.members = append(p.members, nil)
	}
	out := append(dst, '{')
	members := p.members[depth][:0]
	sorted := true
	for {
		p.skipSpace()
		if p.pos >= len(p.in) || p.in[p.pos] != '"' {
			return dst, p.fail("expected member name")
		}
		keyStart := p.pos
		key, escaped, err := p.str()
		if err != nil {
			return dst, err
		}
		if len(members) > 0 {
			out = append(out, ',')
		}
		start := len(out)
		if escaped {
			out = appendEscaped(out, key)
		} else {
			out = append(out, p.in[keyStart:p.pos]...)
		}
		p.skipSpace()
		if p.pos >= len(p.in) || p.in[p.pos] != ':' {
			return dst, p.fail("expected ':'")
		}
		p.pos++
		p.skipSpace()
		out = append(out, ':')
		out, err = p.value(out, depth+1)
		if err != nil {
			return dst, err
		}
		if n := len(members); n > 0 && sorted && compareUTF16(members[n-1].key, key) >= 0 {
			sorted = false
		}
		members = append(members, member{key: key, start: start, end: len(out)})
		more, err := p.next('}')
		if err != nil {
			return dst, err
		}
		if !more {
			break
		}
	}
	// Keep the slice, grown or not, for the next object at this depth.
	p.members[depth] = members
	if sorted {
		return append(out, '}'), nil
	}
	slices.SortFunc(members, func(a, b member) int { return compareUTF16(a.key, b.key) })
	for i := 1; i < len(members); i++ {
		if bytes.Equal(members[i].key, members[i-1].key) {
			return dst, p.fail(fmt.Sprintf("duplicate member name %q", members[i].key))
		}
	}
	base := len(dst)
	buf := append(p.scratch[depth][:0], out[base:]...)
	p.scratch[depth] = buf
	out = append(out[:base], '{')
	for i, m := range members {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, buf[m.start-base:m.end-base]...)
	}
	return append(out, '}'), nil
}

func (p *parser) array(dst []byte, depth int) ([]byte, error) {
	p.pos++ // '['
	dst = append(dst, '[')
	p.skipSpace()
	if p.pos < len(p.in) && p.in[p.pos] == ']' {
		p.pos++
		return append(dst, ']'), nil
	}
	for first := true; ; first = false {
		if !first {
			dst = append(dst, ',')
		}
		p.skipSpace()
		var err error
		dst, err = p.value(dst, depth+1)
		if err != nil {
			return dst, err
		}
		more, err := p.next(']')
		if err != nil {
			return dst, err
		}
		if !more {
			return append(dst, ']'), nil
		}
	}
}

// next moves past what follows a member or an element: a ',' before
// another one (more is true) or close, the end of the object ('}') or
// array (']').
func (p *parser) next(close byte) (more bool, err error) {
	p.skipSpace()
	if p.pos < len(p.in) {
		switch p.in[p.pos] {
		case ',':
			p.pos++
			return true, nil
		case close:
			p.pos++
			return false, nil
		}
	}
	container := "array"
	if close == '}' {
		container = "object"
	}
	if p.pos >= len(p.in) {
		return false, p.fail("unexpected end of " + container)
	}
	return false, p.fail("expected ',' or '" + string(close) + "'")
}

// str decodes a JSON string starting at the opening quote and reports
// whether it held escapes. Without escapes the result aliases the input,
// so the common case copies nothing.
func (p *parser) str() (s []byte, escaped bool, err error) {
	p.pos++ // opening quote
	start := p.pos
	for p.pos+8 <= len(p.in) && !hasSpecial(binary.LittleEndian.Uint64(p.in[p.pos:])) {
		p.pos += 8
	}
	ascii := true
	for p.pos < len(p.in) {
		c := p.in[p.pos]
		if c == '"' {
			s := p.in[start:p.pos]
			if !ascii {
				if err := checkText(s, start); err != nil {
					return nil, false, err
				}
			}
			p.pos++
			return s, false, nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return nil, true, p.fail("control character in string")
		}
		ascii = ascii && c < utf8.RuneSelf
		p.pos++
	}
	buf := append([]byte(nil), p.in[start:p.pos]...)
	for p.pos < len(p.in) {
		c := p.in[p.pos]
		switch {
		case c == '"':
			if err := checkText(buf, start); err != nil {
				return nil, true, err
			}
			p.pos++
			return buf, true, nil
		case c < 0x20:
			return nil, true, p.fail("control character in string")
		case c != '\\':
			buf = append(buf, c)
			p.pos++
			continue
		}
		p.pos++ // backslash
		if p.pos >= len(p.in) {
			break
		}
		e := p.in[p.pos]
		p.pos++
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, err := p.hex4()
			if err != nil {
				return nil, true, err
			}
			if utf16.IsSurrogate(r) {
				if r >= 0xDC00 || p.pos+6 > len(p.in) || p.in[p.pos] != '\\' || p.in[p.pos+1] != 'u' {
					return nil, true, p.fail("lone surrogate escape")
				}
				p.pos += 2
				r2, err := p.hex4()
				if err != nil {
					return nil, true, err
				}
				r = utf16.DecodeRune(r, r2)
				if r == utf8.RuneError {
					return nil, true, p.fail("invalid surrogate pair")
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return nil, true, p.fail(fmt.Sprintf("invalid escape '\\%c'", e))
		}
	}
	return nil, true, p.fail("unterminated string")
}

// hasSpecial reports whether any of the 8 bytes in w is one a string scan
// must stop at: a quote, a backslash, a control character or a byte of a
// multi-byte UTF-8 sequence. Each test is exact for the word as a whole.
func hasSpecial(w uint64) bool { return specialBytes(w) != 0 }

// checkText reports invalid UTF-8 and noncharacters (U+FDD0–U+FDEF and
// the last two code points of every plane), which I-JSON excludes.
func checkText(s []byte, offset int) error {
	if !utf8.Valid(s) {
		return &Error{Offset: offset, Msg: "invalid UTF-8 in string"}
	}
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if IsNoncharacter(r) {
			return &Error{Offset: offset + i, Msg: fmt.Sprintf("noncharacter U+%04X in string", r)}
		}
		i += size
	}
	return nil
}

// IsText reports whether s is valid UTF-8 without noncharacters: a string
// that the canonical form may hold (escaped as AppendString escapes it).
func IsText(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || IsNoncharacter(r) {
			return false
		}
		i += size
	}
	return true
}

// IsTextBytes is IsText for a byte slice.
func IsTextBytes(s []byte) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 || IsNoncharacter(r) {
			return false
		}
		i += size
	}
	return true
}

// AppendBytes appends the text s as AppendString does.
func AppendBytes(dst, s []byte) []byte { return appendEscaped(dst, s) }

// IsNoncharacter reports whether r is a Unicode noncharacter: U+FDD0 to
// U+FDEF, or a code point ending in FFFE or FFFF.
func IsNoncharacter(r rune) bool {
	return (r >= 0xFDD0 && r <= 0xFDEF) || (r&0xFFFE == 0xFFFE && r <= utf8.MaxRune)
}

func (p *parser) hex4() (rune, error) {
	if p.pos+4 > len(p.in) {
		return 0, p.fail("short \\u escape")
	}
	var r rune
	for _, c := range p.in[p.pos : p.pos+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c-'a') + 10
		case c >= 'A' && c <= 'F':
			r |= rune(c-'A') + 10
		default:
			return 0, p.fail("invalid \\u escape")
		}
	}
	p.pos += 4
	return r, nil
}

// number validates the JSON number grammar, then re-serialises the value.
func (p *parser) number(dst []byte) ([]byte, error) {
	start := p.pos
	end, msg := numberEnd(p.in, start)
	p.pos = end
	if msg != "" {
		return dst, p.fail(msg)
	}
	return appendNumberLiteral(dst, p.in[start:end], start, p.exact)
}

// numberEnd returns the end of the number literal that starts at in[start],
// or the offset of the problem and its description when the text there
// does not follow the JSON number grammar.
func numberEnd(in []byte, start int) (end int, msg string) {
	pos := start
	if in[pos] == '-' {
		pos++
	}
	digits := func() int {
		n := 0
		for pos < len(in) && in[pos] >= '0' && in[pos] <= '9' {
			pos++
			n++
		}
		return n
	}
	if pos < len(in) && in[pos] == '0' {
		pos++
		if pos < len(in) && in[pos] >= '0' && in[pos] <= '9' {
			return pos, "leading zero in number"
		}
	} else if digits() == 0 {
		return pos, "invalid number"
	}
	if pos < len(in) && in[pos] == '.' {
		pos++
		if digits() == 0 {
			return pos, "invalid number"
		}
	}
	if pos < len(in) && (in[pos] == 'e' || in[pos] == 'E') {
		pos++
		if pos < len(in) && (in[pos] == '+' || in[pos] == '-') {
			pos++
		}
		if digits() == 0 {
			return pos, "invalid number"
		}
	}
	return pos, ""
}

// appendNumberLiteral appends the canonical form of lit, a literal that
// follows the JSON number grammar found at offset start; exact refuses a
// literal no double holds exactly.
func appendNumberLiteral(dst, lit []byte, start int, exact bool) ([]byte, error) {
	if isSmallInteger(lit) {
		// Integers of at most 15 digits are exact doubles whose
		// ECMAScript form is their own digits (without a minus on zero).
		if len(lit) == 2 && lit[0] == '-' && lit[1] == '0' {
			return append(dst, '0'), nil
		}
		return append(dst, lit...), nil
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		return dst, &Error{Offset: start, Msg: fmt.Sprintf("number %s is outside the range of a double", lit), Err: ErrNumber}
	}
	var scratch [32]byte
	if exact && !sameDecimal(lit, strconv.AppendFloat(scratch[:0], f, 'e', -1, 64)) {
		return dst, &Error{Offset: start, Msg: fmt.Sprintf("number %s is not exactly representable as a double; send it as a string", lit), Err: ErrInexact}
	}
	return AppendNumber(dst, f)
}

// sameDecimal reports whether two JSON number literals (a and b, either
// with or without fraction and exponent) denote the same decimal value.
// Zero equals zero whatever its sign.
func sameDecimal(a, b []byte) bool {
	var as, bs [40]byte
	an, ad, ae := normalize(a, as[:0])
	bn, bd, be := normalize(b, bs[:0])
	if len(ad) == 0 || len(bd) == 0 {
		return len(ad) == len(bd)
	}
	return an == bn && ae == be && bytes.Equal(ad, bd)
}

// normalize splits a number literal into its sign, its significant digits
// (no leading or trailing zeros) and the exponent e such that the value is
// 0.digits × 10^e. The digits are appended to scratch.
func normalize(lit, scratch []byte) (neg bool, digits []byte, exp int) {
	if len(lit) > 0 && lit[0] == '-' {
		neg, lit = true, lit[1:]
	}
	mant := lit
	if i := bytes.IndexAny(lit, "eE"); i >= 0 {
		mant = lit[:i]
		x, err := strconv.Atoi(string(lit[i+1:]))
		if err != nil {
			// An exponent beyond int range: ParseFloat already refused
			// or saturated such a literal; mark it unequal to any double.
			return neg, []byte{'x'}, 0
		}
		exp = x
	}
	intPart, frac := mant, []byte(nil)
	if i := bytes.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	all := append(append(scratch, intPart...), frac...)
	exp += len(intPart)
	for len(all) > 0 && all[0] == '0' {
		all = all[1:]
		exp--
	}
	for len(all) > 0 && all[len(all)-1] == '0' {
		all = all[:len(all)-1]
	}
	return neg, all, exp
}

// AppendNumber appends f in ECMAScript Number-to-String form (RFC 8785
// section 3.2.2.3). NaN and infinities are errors.
func AppendNumber(dst []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return dst, fmt.Errorf("%w: %v", ErrNumber, f)
	}
	if f == 0 { // also -0
		return append(dst, '0'), nil
	}
	if f < 0 {
		dst = append(dst, '-')
		f = -f
	}
	// Shortest round-tripping digits, as ECMAScript requires.
	var scratch [32]byte
	e := strconv.AppendFloat(scratch[:0], f, 'e', -1, 64)
	// e is d[.ddd]e±XX
	mant, exp := e, 0
	for i, c := range e {
		if c == 'e' {
			mant = e[:i]
			x, _ := strconv.Atoi(string(e[i+1:]))
			exp = x
			break
		}
	}
	var digitBuf [24]byte
	ds := digitBuf[:0]
	for _, c := range mant {
		if c != '.' {
			ds = append(ds, c)
		}
	}
	k := len(ds)
	n := exp + 1 // value = 0.ds × 10^n
	switch {
	case k <= n && n <= 21:
		dst = append(dst, ds...)
		for range n - k {
			dst = append(dst, '0')
		}
	case 0 < n && n <= 21:
		dst = append(dst, ds[:n]...)
		dst = append(dst, '.')
		dst = append(dst, ds[n:]...)
	case -6 < n && n <= 0:
		dst = append(dst, '0', '.')
		for range -n {
			dst = append(dst, '0')
		}
		dst = append(dst, ds...)
	default:
		dst = append(dst, ds[0])
		if k > 1 {
			dst = append(dst, '.')
			dst = append(dst, ds[1:]...)
		}
		dst = append(dst, 'e')
		if n-1 >= 0 {
			dst = append(dst, '+')
		}
		dst = strconv.AppendInt(dst, int64(n-1), 10)
	}
	return dst, nil
}

// AppendString appends s as a JSON string with RFC 8785 escaping: only the
// quote, the backslash and the C0 controls are escaped; \b \t \n \f \r use
// their short forms and other controls \u00xx in lowercase hex.
func AppendString(dst []byte, s string) []byte { return appendEscaped(dst, s) }

func appendEscaped[T string | []byte](dst []byte, s T) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	i := 0
	for i+8 <= len(s) && !needsEscape(load64(s, i)) {
		i += 8
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// load64 reads the 8 bytes of s from i as a little-endian word.
func load64[T string | []byte](s T, i int) uint64 {
	w := s[i : i+8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// needsEscape reports whether any of the 8 bytes in w is one RFC 8785
// escapes: a quote, a backslash or a C0 control character.
func needsEscape(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote := w ^ (ones * '"')
	backslash := w ^ (ones * '\\')
	return ((quote-ones)&^quote|(backslash-ones)&^backslash|(w-ones*0x20)&^w)&highs != 0
}

// IsPlainASCII reports whether s is printable ASCII only (0x20 to 0x7E),
// checking 8 bytes at a time: such a string is valid UTF-8 without
// control characters or noncharacters.
func IsPlainASCII(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := load64(s, i)
		del := w ^ (ones * 0x7F)
		if (w|(w-ones*0x20)&^w|(del-ones)&^del)&highs != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7F {
			return false
		}
	}
	return true
}

// CompareUTF16 orders two valid UTF-8 strings by their UTF-16 code units,
// as RFC 8785 requires for member names.
func CompareUTF16(a, b string) int { return compareUTF16(a, b) }

// compareUTF16 relies on UTF-8 byte order being code point order. UTF-16
// order differs from it in one case only: a character above U+FFFF
// (UTF-8 lead byte F0–F4, a surrogate pair D800–DBFF in UTF-16) against
// one in U+E000–U+FFFF (lead byte EE or EF), where UTF-16 puts the former
// first. At the first differing byte both sides are either at the same
// character boundary with different lead bytes, or inside characters of
// the same lead byte, where byte order already agrees with UTF-16.
func compareUTF16[T string | []byte](a, b T) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if x, y := a[i], b[i]; x != y {
			return compareUnitBytes(x, y)
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

// compareUnitBytes orders the first differing bytes x and y of two UTF-8
// texts by the UTF-16 code units they begin: byte order, except that a
// four-byte sequence (a surrogate pair, from 0xD800) sorts before the
// three-byte ones from U+E000 (lead bytes 0xEE and 0xEF).
func compareUnitBytes(x, y byte) int {
	switch {
	case x >= 0xF0 && (y == 0xEE || y == 0xEF):
		return -1
	case y >= 0xF0 && (x == 0xEE || x == 0xEF):
		return 1
	case x < y:
		return -1
	}
	return 1
}

// isSmallInteger reports whether lit is an optional minus and 1 to 15
// digits (already checked against the JSON grammar).
func isSmallInteger(lit []byte) bool {
	digits := lit
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 15 {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Members reads one JSON object and calls fn for each member in input
// order with its name, its value as written (without surrounding white
// space) and its value in canonical form (valid only during the call).
// The whole text is checked as AppendExact checks it; a repeated member
// name is an error, as is anything but an object. An error from fn stops
// the walk and is returned as is.
func Members(in []byte, fn func(name string, raw, canonical []byte) error) error {
	p := getParser(in, true)
	defer putParser(p)
	p.skipSpace()
	if p.pos >= len(p.in) || p.in[p.pos] != '{' {
		return p.fail("expected an object")
	}
	p.pos++
	p.skipSpace()
	var names []string
	discard := p.values[:0]
	defer func() { p.values = discard[:0] }()
	if p.pos < len(p.in) && p.in[p.pos] == '}' {
		p.pos++
	} else {
		for {
			p.skipSpace()
			if p.pos >= len(p.in) || p.in[p.pos] != '"' {
				return p.fail("expected member name")
			}
			at := p.pos
			key, _, err := p.str()
			if err != nil {
				return err
			}
			name := string(key)
			if slices.Contains(names, name) {
				return &Error{Offset: at, Msg: fmt.Sprintf("duplicate member name %q", name), Member: name}
			}
			names = append(names, name)
			p.skipSpace()
			if p.pos >= len(p.in) || p.in[p.pos] != ':' {
				return p.fail("expected ':'")
			}
			p.pos++
			p.skipSpace()
			start := p.pos
			if discard, err = p.value(discard[:0], 1); err != nil {
				var ce *Error
				if errors.As(err, &ce) {
					ce.Member = name
				}
				return err
			}
			if err := fn(name, p.in[start:p.pos], discard); err != nil {
				return err
			}
			p.skipSpace()
			if p.pos >= len(p.in) {
				return p.fail("unexpected end of object")
			}
			if p.in[p.pos] == ',' {
				p.pos++
				continue
			}
			if p.in[p.pos] == '}' {
				p.pos++
				break
			}
			return p.fail("expected ',' or '}'")
		}
	}
	p.skipSpace()
	if p.pos != len(p.in) {
		return p.fail("trailing data")
	}
	return nil
}

// Unquote decodes one JSON string, checked as Transform checks strings.
func Unquote(raw []byte) (string, error) {
	p := parser{in: raw}
	if len(raw) == 0 || raw[0] != '"' {
		return "", p.fail("expected a string")
	}
	s, _, err := p.str()
	if err != nil {
		return "", err
	}
	if p.pos != len(raw) {
		return "", p.fail("trailing data")
	}
	return string(s), nil
}
