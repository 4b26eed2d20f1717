package grid

import (
	"fmt"
	"strconv"
)

// Kind tells a general grid, drawn over where people live, from a
// dedicated grid drawn around one institution (a school, a park, a firm).
//
// The zero value is invalid, prints "Kind(0)" and fails to marshal.
type Kind uint8

// The kinds.
const (
	// KindGeneral is a general (comprehensive) grid covering residents.
	KindGeneral Kind = iota + 1
	// KindDedicated is a dedicated grid around a school, park, firm or
	// similar unit.
	KindDedicated
)

var kindNames = [...]string{
	KindGeneral:   "general",
	KindDedicated: "dedicated",
}

// IsValid reports whether k is one of the defined kinds.
func (k Kind) IsValid() bool { return k == KindGeneral || k == KindDedicated }

// String returns the wire name or "Kind(N)" for an invalid value.
func (k Kind) String() string {
	if k.IsValid() {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// ParseKind parses a wire name exactly; anything else is an error matching
// ErrUnknownKind.
func ParseKind(s string) (Kind, error) {
	for k := KindGeneral; k <= KindDedicated; k++ {
		if kindNames[k] == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("%w: %q", ErrUnknownKind, s)
}

// MarshalText returns the wire name; an invalid kind is an error.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.IsValid() {
		return nil, fmt.Errorf("%w: %d", ErrUnknownKind, uint8(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText parses a wire name; on error k is unchanged.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}
