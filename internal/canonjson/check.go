package canonjson

import (
	"encoding/binary"
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
	c := checker{in: in}
	return c.value(0) && c.pos == len(in)
}

// checker walks a text as parser does, without output.
type checker struct {
	in  []byte
	pos int
}

func (c *checker) value(depth int) bool {
	if depth > maxDepth || c.pos >= len(c.in) {
		return false
	}
	switch b := c.in[c.pos]; {
	case b == '{':
		return c.object(depth)
	case b == '[':
		return c.array(depth)
	case b == '"':
		return c.str()
	case b == 't':
		return c.literal("true")
	case b == 'f':
		return c.literal("false")
	case b == 'n':
		return c.literal("null")
	case b == '-' || (b >= '0' && b <= '9'):
		return c.number()
	}
	return false
}

func (c *checker) literal(word string) bool {
	if len(c.in)-c.pos < len(word) || string(c.in[c.pos:c.pos+len(word)]) != word {
		return false
	}
	c.pos += len(word)
	return true
}

// object checks that the members are in strictly increasing order of
// their names, which rules out repeated names too.
func (c *checker) object(depth int) bool {
	c.pos++ // '{'
	if c.pos < len(c.in) && c.in[c.pos] == '}' {
		c.pos++
		return true
	}
	var prev []byte
	prevEscaped := false
	for first := true; ; first = false {
		if c.pos >= len(c.in) || c.in[c.pos] != '"' {
			return false
		}
		start := c.pos + 1
		ok, escaped := c.string()
		if !ok {
			return false
		}
		name := c.in[start : c.pos-1]
		if !first {
			if escaped || prevEscaped {
				if compareEscaped(prev, name) >= 0 {
					return false
				}
			} else if compareUTF16(prev, name) >= 0 {
				return false
			}
		}
		prev, prevEscaped = name, escaped
		if c.pos >= len(c.in) || c.in[c.pos] != ':' {
			return false
		}
		c.pos++
		if !c.value(depth + 1) {
			return false
		}
		if c.pos >= len(c.in) {
			return false
		}
		switch c.in[c.pos] {
		case ',':
			c.pos++
		case '}':
			c.pos++
			return true
		default:
			return false
		}
	}
}

func (c *checker) array(depth int) bool {
	c.pos++ // '['
	if c.pos < len(c.in) && c.in[c.pos] == ']' {
		c.pos++
		return true
	}
	for {
		if !c.value(depth + 1) {
			return false
		}
		if c.pos >= len(c.in) {
			return false
		}
		switch c.in[c.pos] {
		case ',':
			c.pos++
		case ']':
			c.pos++
			return true
		default:
			return false
		}
	}
}

func (c *checker) str() bool {
	ok, _ := c.string()
	return ok
}

// string checks a string starting at its opening quote: I-JSON text, with
// exactly the escapes AppendString writes and no others. It reports
// whether the string holds escapes.
func (c *checker) string() (ok, escaped bool) {
	c.pos++ // opening quote
	start := c.pos
	ascii := true
	for {
		for c.pos+8 <= len(c.in) && !hasSpecial(binary.LittleEndian.Uint64(c.in[c.pos:])) {
			c.pos += 8
		}
		if c.pos >= len(c.in) {
			return false, escaped
		}
		switch b := c.in[c.pos]; {
		case b == '"':
			s := c.in[start:c.pos]
			c.pos++
			return ascii || IsTextBytes(s), escaped
		case b == '\\':
			if !c.escape() {
				return false, escaped
			}
			escaped = true
		case b < 0x20:
			return false, escaped
		default:
			ascii = ascii && b < utf8.RuneSelf
			c.pos++
		}
	}
}

// escape checks one escape at c.pos against the one AppendString writes
// for the character it stands for.
func (c *checker) escape() bool {
	if c.pos+1 >= len(c.in) {
		return false
	}
	switch c.in[c.pos+1] {
	case '"', '\\', 'b', 't', 'n', 'f', 'r':
		c.pos += 2
		return true
	case 'u':
	default:
		return false
	}
	if c.pos+6 > len(c.in) {
		return false
	}
	h := c.in[c.pos+2 : c.pos+6]
	if h[0] != '0' || h[1] != '0' || (h[2] != '0' && h[2] != '1') || !lowerHexDigit(h[3]) {
		return false
	}
	switch string(h[2:]) {
	case "08", "09", "0a", "0c", "0d":
		return false // written in their short forms
	}
	c.pos += 6
	return true
}

func lowerHexDigit(b byte) bool { return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' }

// number checks a number's grammar, then that its canonical form is
// itself.
func (c *checker) number() bool {
	end, msg := numberEnd(c.in, c.pos)
	if msg != "" {
		return false
	}
	lit := c.in[c.pos:end]
	c.pos = end
	if isSmallInteger(lit) {
		return len(lit) != 2 || lit[0] != '-' || lit[1] != '0'
	}
	// A literal that is the ECMAScript form of the double nearest to it
	// spells that double's shortest digits, so it is exact too.
	f, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		return false
	}
	var scratch [32]byte
	out, err := AppendNumber(scratch[:0], f)
	return err == nil && string(out) == string(lit)
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
			switch {
			case x >= 0xF0 && (y == 0xEE || y == 0xEF):
				return -1
			case y >= 0xF0 && (x == 0xEE || x == 0xEF):
				return 1
			case x < y:
				return -1
			default:
				return 1
			}
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
