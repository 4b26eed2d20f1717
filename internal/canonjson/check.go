package canonjson

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// IsCanonical reports whether in is one JSON text already in the form
// AppendExact writes, so that AppendExact would accept it and append it
// unchanged. It reads in once, writes nothing and allocates nothing, so a
// caller holding text that is usually canonical (its own output, stored
// event data) checks it for the price of a scan and keeps it as it is.
//
// IsCanonical(in) is true exactly when AppendExact(nil, in) succeeds and
// returns in.
func IsCanonical(in []byte) bool {
	return checkValue(in, 0, 0) == len(in)
}

// The check functions walk a text as parser does, without output: each
// takes the offset of a value and returns the offset just past it, or -1
// when the value there is not in canonical form.

func checkValue(in []byte, i, depth int) int {
	if depth > maxDepth || i >= len(in) {
		return -1
	}
	switch b := in[i]; {
	case b == '"':
		end, _ := checkString(in, i)
		return end
	case b == '{':
		return checkObject(in, i, depth)
	case b == '[':
		return checkArray(in, i, depth)
	case b == 't':
		return checkLiteral(in, i, "true")
	case b == 'f':
		return checkLiteral(in, i, "false")
	case b == 'n':
		return checkLiteral(in, i, "null")
	case b == '-' || (b >= '0' && b <= '9'):
		return checkNumber(in, i)
	}
	return -1
}

func checkLiteral(in []byte, i int, word string) int {
	if len(in)-i < len(word) || string(in[i:i+len(word)]) != word {
		return -1
	}
	return i + len(word)
}

// checkObject checks that the members are in strictly increasing order
// of their names, which rules out repeated names too.
func checkObject(in []byte, i, depth int) int {
	i++ // '{'
	if i < len(in) && in[i] == '}' {
		return i + 1
	}
	var prev []byte
	prevEscaped := false
	for first := true; ; first = false {
		if i >= len(in) || in[i] != '"' {
			return -1
		}
		end, escaped := checkString(in, i)
		if end < 0 {
			return -1
		}
		name := in[i+1 : end-1]
		if !first {
			if escaped || prevEscaped {
				if compareEscaped(prev, name) >= 0 {
					return -1
				}
			} else if compareUTF16(prev, name) >= 0 {
				return -1
			}
		}
		prev, prevEscaped = name, escaped
		if end >= len(in) || in[end] != ':' {
			return -1
		}
		if i = checkValue(in, end+1, depth+1); i < 0 || i >= len(in) {
			return -1
		}
		switch in[i] {
		case ',':
			i++
		case '}':
			return i + 1
		default:
			return -1
		}
	}
}

func checkArray(in []byte, i, depth int) int {
	i++ // '['
	if i < len(in) && in[i] == ']' {
		return i + 1
	}
	for {
		if i = checkValue(in, i, depth+1); i < 0 || i >= len(in) {
			return -1
		}
		switch in[i] {
		case ',':
			i++
		case ']':
			return i + 1
		default:
			return -1
		}
	}
}

// checkString checks a string starting at its opening quote: I-JSON
// text, with exactly the escapes AppendString writes and no others. It
// reports whether the string holds escapes.
func checkString(in []byte, i int) (end int, escaped bool) {
	i++ // opening quote
	for {
		if i = FirstSpecial(in, i); i >= len(in) {
			return -1, escaped
		}
		switch b := in[i]; {
		case b == '"':
			return i + 1, escaped
		case b == '\\':
			if i = checkEscape(in, i); i < 0 {
				return -1, escaped
			}
			escaped = true
		case b >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(in[i:])
			if r == utf8.RuneError && size == 1 || IsNoncharacter(r) {
				return -1, escaped
			}
			i += size
		default:
			return -1, escaped // a control character
		}
	}
}

// FirstSpecial returns the offset of the first byte from in[i] on that a
// scan of a JSON string must look at (a quote, a backslash, a control
// character or a byte of a multi-byte UTF-8 sequence), or len(in). It
// tests eight bytes at a time.
func FirstSpecial(in []byte, i int) int {
	for ; i+8 <= len(in); i += 8 {
		if m := specialBytes(binary.LittleEndian.Uint64(in[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(in); i++ {
		if b := in[i]; b < 0x20 || b == '"' || b == '\\' || b >= utf8.RuneSelf {
			break
		}
	}
	return i
}

// specialBytes returns the high bits of the bytes in w that hasSpecial
// looks for. Borrows can set the bits of bytes above a true one too, but
// never below, so the lowest bit set marks the first of them.
func specialBytes(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote := w ^ (ones * '"')
	backslash := w ^ (ones * '\\')
	zeroQuote := (quote - ones) &^ quote
	zeroBackslash := (backslash - ones) &^ backslash
	control := (w - ones*0x20) &^ w
	return (w | zeroQuote | zeroBackslash | control) & highs
}

// checkEscape checks the escape at in[i] against the one AppendString
// writes for the character it stands for.
func checkEscape(in []byte, i int) int {
	if i+1 >= len(in) {
		return -1
	}
	switch in[i+1] {
	case '"', '\\', 'b', 't', 'n', 'f', 'r':
		return i + 2
	case 'u':
	default:
		return -1
	}
	if i+6 > len(in) {
		return -1
	}
	h := in[i+2 : i+6]
	if h[0] != '0' || h[1] != '0' || (h[2] != '0' && h[2] != '1') || !lowerHexDigit(h[3]) {
		return -1
	}
	switch string(h[2:]) {
	case "08", "09", "0a", "0c", "0d":
		return -1 // written in their short forms
	}
	return i + 6
}

func lowerHexDigit(b byte) bool { return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' }

// checkNumber checks a number's grammar, then that its canonical form is
// itself.
func checkNumber(in []byte, i int) int {
	end, msg := numberEnd(in, i)
	if msg != "" {
		return -1
	}
	lit := in[i:end]
	switch {
	case isSmallInteger(lit):
		if len(lit) == 2 && lit[0] == '-' && lit[1] == '0' {
			return -1
		}
		return end
	case isPlainDecimal(lit):
		return end
	}
	// A literal that is the ECMAScript form of the double nearest to it
	// spells that double's shortest digits, so it is exact too.
	f, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		return -1
	}
	var scratch [32]byte
	out, err := AppendNumber(scratch[:0], f)
	if err != nil || string(out) != string(lit) {
		return -1
	}
	return end
}

// compareEscaped is compareUTF16 for two member names as a canonical text
// writes them, escapes and all. The escapes stand for ASCII characters,
// so each one counts as the one byte it stands for.
func compareEscaped(a, b []byte) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		x, nx := unescapedByte(a[i:])
		y, ny := unescapedByte(b[j:])
		if x != y {
			return compareUnitBytes(x, y)
		}
		i, j = i+nx, j+ny
	}
	switch {
	case i < len(a):
		return 1
	case j < len(b):
		return -1
	}
	return 0
}

// unescapedByte returns the first byte s stands for and how many bytes
// of s spell it; s holds only the escapes string checks.
func unescapedByte(s []byte) (byte, int) {
	if s[0] != '\\' {
		return s[0], 1
	}
	switch s[1] {
	case 'b':
		return '\b', 2
	case 't':
		return '\t', 2
	case 'n':
		return '\n', 2
	case 'f':
		return '\f', 2
	case 'r':
		return '\r', 2
	case 'u':
		return fromHex(s[4])<<4 | fromHex(s[5]), 6
	}
	return s[1], 2 // '"' or '\\'
}

func fromHex(b byte) byte {
	if b >= 'a' {
		return b - 'a' + 10
	}
	return b - '0'
}

// isPlainDecimal reports, for a literal that follows the JSON number
// grammar, whether it is a fraction of at most 15 significant digits
// without exponent or trailing zero whose value is at least 10⁻⁶ in
// magnitude. Such a literal is its own canonical form: a double holds any
// decimal of 15 digits apart from every other one, so its shortest digits
// are the literal's, and ECMAScript writes a value of that size in fixed
// notation.
func isPlainDecimal(lit []byte) bool {
	if lit[0] == '-' {
		lit = lit[1:]
	}
	point := -1
	for i, b := range lit {
		switch {
		case b == '.':
			point = i
		case b < '0' || b > '9':
			return false // an exponent
		}
	}
	if point < 0 || lit[len(lit)-1] == '0' {
		return false
	}
	digits := lit[point+1:]
	if point == 1 && lit[0] == '0' {
		zeros := 0
		for zeros < len(digits) && digits[zeros] == '0' {
			zeros++
		}
		if zeros > 5 {
			return false // below 10⁻⁶: ECMAScript writes an exponent
		}
		return len(digits)-zeros <= 15
	}
	return point+len(digits) <= 15
}
