package provider

import (
	"fmt"

	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// usccAlphabet is the GB 32100-2015 code alphabet: digits and upper-case
// letters without I, O, S, V and Z. A character's value is its index.
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights weight positions 1–17 (3^i mod 31, as GB 32100-2015 lists them).
var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// usccValue maps an upper-case ASCII byte to its value plus one; 0 means
// the byte is not in the alphabet.
var usccValue = func() (t [256]uint8) {
	for i := range len(usccAlphabet) {
		t[usccAlphabet[i]] = uint8(i + 1)
	}
	return t
}()

// USCC is a Unified Social Credit Code (统一社会信用代码, GB 32100-2015):
// the 18-character identifier of every registered organisation in China,
// companies, social organisations and government organs alike.
//
// The zero value is not a valid code (IsValid reports false, String returns
// ""). A USCC holds its canonical upper-case form, so == compares codes.
// ParseUSCC checks the alphabet, the length and the check character; it
// does not check that the registration-department, category or region
// segments name a department, category or region that exists. Decoding
// into a nil *USCC is an error matching grassroots.ErrInvalid.
type USCC struct {
	code string
}

// ParseUSCC parses s as a Unified Social Credit Code. Lower-case letters
// are accepted and upper-cased; nothing else is rewritten (surrounding
// space is an error). A rejected code returns a *USCCError whose Reason
// says why and which matches ErrInvalidUSCC and the reason's sentinel.
func ParseUSCC(s string) (USCC, error) {
	if len(s) != 18 {
		return USCC{}, &USCCError{Input: s, Reason: USCCLength, Pos: -1}
	}
	var b [18]byte
	sum := 0
	for i := range 18 {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		v := usccValue[c]
		if v == 0 {
			r := USCCCharacter
			switch c {
			case 'I', 'O', 'S', 'V', 'Z':
				r = USCCForbiddenLetter
			}
			return USCC{}, &USCCError{Input: s, Reason: r, Pos: i}
		}
		b[i] = c
		if i < 17 {
			sum += int(v-1) * usccWeights[i]
		}
	}
	if want := usccAlphabet[(31-sum%31)%31]; b[17] != want {
		return USCC{}, &USCCError{Input: s, Reason: USCCCheckCharacter, Pos: 17, Want: want}
	}
	return USCC{code: string(b[:])}, nil
}

// IsValid reports whether u holds a code (is not the zero value).
func (u USCC) IsValid() bool { return u.code != "" }

// String returns the 18-character upper-case code, or "" for the zero value.
func (u USCC) String() string { return u.code }

// AppendText appends the code to b. The zero value appends nothing, so an
// absent code round-trips through JSON as "".
func (u USCC) AppendText(b []byte) ([]byte, error) { return append(b, u.code...), nil }

// MarshalText implements encoding.TextMarshaler.
func (u USCC) MarshalText() ([]byte, error) { return u.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler. Empty text gives the
// zero value; any other text must parse. On error *u is unchanged.
func (u *USCC) UnmarshalText(b []byte) error {
	if u == nil {
		return validate.NilTarget("provider.USCC")
	}
	if len(b) == 0 {
		*u = USCC{}
		return nil
	}
	v, err := ParseUSCC(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// USCCReason says why ParseUSCC rejected a code.
type USCCReason uint8

// The reasons a code is rejected, in the order ParseUSCC checks them.
const (
	// USCCLength: the code is not exactly 18 bytes long.
	USCCLength USCCReason = iota + 1
	// USCCForbiddenLetter: one of I, O, S, V, Z (either case), which the
	// standard leaves out because they are easily confused with 1, 0, 5, U
	// and 2.
	USCCForbiddenLetter
	// USCCCharacter: any other byte outside the alphabet (punctuation,
	// space, a non-ASCII byte).
	USCCCharacter
	// USCCCheckCharacter: the 18th character is not the one computed from
	// the first 17.
	USCCCheckCharacter
)

var usccReasonNames = enum.New[USCCReason]("provider.USCCReason",
	"length", "forbidden_letter", "character", "check_character",
)

// IsValid reports whether r is one of the USCCReason values.
func (r USCCReason) IsValid() bool { return usccReasonNames.Valid(r) }

// String returns the wire name of r, or "USCCReason(N)" for an invalid value.
func (r USCCReason) String() string { return usccReasonNames.String(r) }

// AppendText appends the wire name of r to b; an invalid value is an error.
func (r USCCReason) AppendText(b []byte) ([]byte, error) { return usccReasonNames.Append(b, r) }

// MarshalText returns the wire name of r; an invalid value is an error.
func (r USCCReason) MarshalText() ([]byte, error) { return usccReasonNames.Marshal(r) }

// UnmarshalText sets *r to the value named by b; on error *r is unchanged.
func (r *USCCReason) UnmarshalText(b []byte) error { return usccReasonNames.Unmarshal(r, b) }

// ParseUSCCReason returns the USCCReason named s; an unknown name is a *grassroots.UnknownNameError.
func ParseUSCCReason(s string) (USCCReason, error) { return usccReasonNames.Parse(s) }

func (r USCCReason) sentinel() error {
	switch r {
	case USCCLength:
		return ErrUSCCLength
	case USCCForbiddenLetter:
		return ErrUSCCForbiddenLetter
	case USCCCharacter:
		return ErrUSCCCharacter
	case USCCCheckCharacter:
		return ErrUSCCCheckCharacter
	}
	return nil
}

// USCCError reports a rejected credit code. It matches ErrInvalidUSCC and
// the sentinel of its Reason (ErrUSCCLength, …) with errors.Is. A nil
// *USCCError matches ErrInvalidUSCC alone, and its Error says it is nil.
type USCCError struct {
	// Input is the text given to ParseUSCC.
	Input string
	// Reason says which rule failed.
	Reason USCCReason
	// Pos is the 0-based byte offset of the offending character, or -1
	// for USCCLength.
	Pos int
	// Want is the expected check character for USCCCheckCharacter.
	Want byte
}

func (e *USCCError) Error() string {
	if e == nil {
		return "provider: invalid credit code (a nil *USCCError)"
	}
	switch e.Reason {
	case USCCLength:
		return fmt.Sprintf("provider: invalid credit code %q: length %d, want 18", e.Input, len(e.Input))
	case USCCCheckCharacter:
		if e.Pos >= 0 && e.Pos < len(e.Input) {
			return fmt.Sprintf("provider: invalid credit code %q: check character %q, want %q", e.Input, e.Input[e.Pos], e.Want)
		}
		return fmt.Sprintf("provider: invalid credit code %q: check character, want %q", e.Input, e.Want)
	}
	if e.Pos >= 0 && e.Pos < len(e.Input) {
		return fmt.Sprintf("provider: invalid credit code %q: %s %q at position %d", e.Input, e.Reason, e.Input[e.Pos], e.Pos)
	}
	return fmt.Sprintf("provider: invalid credit code %q: %s", e.Input, e.Reason)
}

// Is matches ErrInvalidUSCC and the sentinel of e.Reason.
func (e *USCCError) Is(target error) bool {
	if e == nil {
		return target == ErrInvalidUSCC
	}
	return target == ErrInvalidUSCC || (target != nil && target == e.Reason.sentinel())
}
