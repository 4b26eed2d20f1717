package grid

import (
	"fmt"
	"strconv"
)

// MaxCodeLen is the longest Code accepted, in bytes.
const MaxCodeLen = 32

// Code identifies a grid or an administrative division. It is opaque: the
// SDK only requires 1 to MaxCodeLen characters from [0-9A-Za-z._-], so
// codes travel unescaped in URLs, file names and CSV. Statistical division
// codes (see ParseDivision) and the grid codes that extend them are valid
// Codes.
//
// The zero value (the empty string) is not a valid code. Codes compare with
// == and sort bytewise.
type Code string

// ParseCode returns s as a Code, or an error matching ErrInvalidCode.
func ParseCode(s string) (Code, error) {
	c := Code(s)
	if err := c.Validate(); err != nil {
		return "", err
	}
	return c, nil
}

// Validate returns nil for a well-formed code and otherwise an error
// matching ErrInvalidCode that says what is wrong.
func (c Code) Validate() error {
	switch {
	case len(c) == 0:
		return fmt.Errorf("%w: empty; "+codeSyntax, ErrInvalidCode, MaxCodeLen)
	case len(c) > MaxCodeLen:
		return fmt.Errorf("%w: %d bytes; "+codeSyntax, ErrInvalidCode, len(c), MaxCodeLen)
	}
	for i := 0; i < len(c); i++ {
		if !isCodeByte(c[i]) {
			return fmt.Errorf("%w: byte %d is %s; "+codeSyntax, ErrInvalidCode, i, strconv.QuoteRune(rune(c[i])), MaxCodeLen)
		}
	}
	return nil
}

// codeSyntax says what a Code must be, in the messages of Validate; its
// verb takes MaxCodeLen.
const codeSyntax = "want 1 to %d bytes of 0-9, A-Z, a-z, '.', '_' and '-'"

// String returns the code itself.
func (c Code) String() string { return string(c) }

func isCodeByte(b byte) bool {
	switch {
	case b >= '0' && b <= '9', b >= 'A' && b <= 'Z', b >= 'a' && b <= 'z':
		return true
	}
	return b == '.' || b == '_' || b == '-'
}
