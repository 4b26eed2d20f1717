package cehttp

import (
	"errors"
	"strings"
)

// The header value codec of the binary content mode (HTTP Protocol
// Binding 1.0.2, section 3.1.3.2).

// headerPrefix is the prefix of attribute headers, in the canonical form
// net/http gives header names.
const headerPrefix = "Ce-"

var (
	errUnterminatedQuote = errors.New("has an unterminated quoted string")
	errBadPercent        = errors.New("has a % not followed by two hexadecimal digits")
)

// needsEscape reports whether byte c of an attribute's canonical string
// must be percent-encoded in a header value: space, double quote, percent,
// and everything outside printable ASCII (control characters included, as
// the binding recommends; every byte of a multi-byte UTF-8 character is
// above 0x7F).
func needsEscape(c byte) bool {
	return c <= ' ' || c >= 0x7F || c == '"' || c == '%'
}

// encodeHeaderValue percent-encodes an attribute's canonical string for a
// header, with upper-case hexadecimal digits, as the binding prescribes.
func encodeHeaderValue(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if needsEscape(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if needsEscape(c) {
			b = append(b, '%', hex[c>>4], hex[c&0xF])
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}

// decodeHeaderValue turns a received header value into the attribute's
// canonical string: first the double-quoted strings of RFC 7230 section
// 3.2.6 are unescaped (the binding requires receivers to accept them from
// senders of earlier versions), then one round of percent-decoding is
// done, accepting lower-case digits and characters encoded needlessly.
// Whether the result is valid UTF-8 is left to the attribute's own check.
func decodeHeaderValue(v string) (string, error) {
	if strings.IndexByte(v, '"') >= 0 {
		var err error
		if v, err = unquote(v); err != nil {
			return "", err
		}
	}
	if strings.IndexByte(v, '%') < 0 {
		return v, nil
	}
	b := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		if i+2 >= len(v) || !isHex(v[i+1]) || !isHex(v[i+2]) {
			return "", errBadPercent
		}
		b = append(b, unhex(v[i+1])<<4|unhex(v[i+2]))
		i += 2
	}
	return string(b), nil
}

// unquote removes the quotes of every quoted-string in v and the
// backslashes of their quoted pairs; text outside quotes is kept as is.
func unquote(v string) (string, error) {
	b := make([]byte, 0, len(v))
	quoted := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\\' && quoted:
			if i+1 == len(v) {
				return "", errUnterminatedQuote
			}
			i++
			b = append(b, v[i])
		default:
			b = append(b, c)
		}
	}
	if quoted {
		return "", errUnterminatedQuote
	}
	return string(b), nil
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
