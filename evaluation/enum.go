package evaluation

import "github.com/grassrootsgov/grassroots/internal/enum"

// Direction says whether a larger raw value of an indicator is better
// (Benefit) or worse (Cost). The zero value is invalid.
type Direction uint8

// The directions.
const (
	Benefit Direction = iota + 1
	Cost
)

var directionNames = enum.New[Direction]("evaluation.Direction", "benefit", "cost")

// IsValid reports whether d is one of the Direction values.
func (d Direction) IsValid() bool { return directionNames.Valid(d) }

// String returns the wire name of d, or "Direction(N)" for an invalid value.
func (d Direction) String() string { return directionNames.String(d) }

// AppendText appends the wire name of d to b; an invalid value is an error.
func (d Direction) AppendText(b []byte) ([]byte, error) { return directionNames.Append(b, d) }

// MarshalText returns the wire name of d; an invalid value is an error.
func (d Direction) MarshalText() ([]byte, error) { return directionNames.Marshal(d) }

// UnmarshalText sets *d to the value named by b; on error *d is unchanged.
func (d *Direction) UnmarshalText(b []byte) error { return directionNames.Unmarshal(d, b) }

// ParseDirection returns the Direction named s; an unknown name is a *grassroots.UnknownNameError.
func ParseDirection(s string) (Direction, error) { return directionNames.Parse(s) }
