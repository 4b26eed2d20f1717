package evaluation

import (
	"fmt"
	"strconv"
)

// The enumerations of this package share one text codec: names[v] is the
// wire name of value v, and names[0] is empty because zero is invalid.

func enumString(typ string, names []string, v uint8) string {
	if v != 0 && int(v) < len(names) {
		return names[v]
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}

func enumParse(typ string, names []string, s string) (uint8, error) {
	for i := 1; i < len(names); i++ {
		if names[i] == s {
			return uint8(i), nil
		}
	}
	return 0, fmt.Errorf("evaluation: %s %q: %w", typ, s, ErrUnknownName)
}

func enumAppend(typ string, names []string, b []byte, v uint8) ([]byte, error) {
	if v == 0 || int(v) >= len(names) {
		return b, fmt.Errorf("evaluation: %s(%d): %w", typ, v, ErrUnknownName)
	}
	return append(b, names[v]...), nil
}

// Direction says whether a larger raw value of an indicator is better
// (Benefit) or worse (Cost). The zero value is invalid.
type Direction uint8

// The directions.
const (
	Benefit Direction = iota + 1
	Cost
)

var directionNames = []string{"", "benefit", "cost"}

// ParseDirection returns the direction named s ("benefit" or "cost").
func ParseDirection(s string) (Direction, error) {
	v, err := enumParse("direction", directionNames, s)
	return Direction(v), err
}

// IsValid reports whether d is Benefit or Cost.
func (d Direction) IsValid() bool { return d == Benefit || d == Cost }

// String returns the wire name, or "Direction(N)" for an invalid value.
func (d Direction) String() string { return enumString("Direction", directionNames, uint8(d)) }

// AppendText appends the wire name; an invalid value is an error.
func (d Direction) AppendText(b []byte) ([]byte, error) {
	return enumAppend("Direction", directionNames, b, uint8(d))
}

// MarshalText returns the wire name; an invalid value is an error.
func (d Direction) MarshalText() ([]byte, error) { return d.AppendText(nil) }

// UnmarshalText sets d from its wire name; an unknown name is an error
// and leaves d unchanged.
func (d *Direction) UnmarshalText(b []byte) error {
	v, err := ParseDirection(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
