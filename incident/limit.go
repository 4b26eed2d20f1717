package incident

import (
	"fmt"
	"strconv"
)

// LimitUnit is the unit of a time limit. The zero value is invalid.
type LimitUnit uint8

// The limit units. Calendar units run around the clock; working units
// count only the working time of a Calendar (see Calendar.Deadline for the
// exact counting rules).
const (
	CalendarMinutes LimitUnit = iota + 1
	CalendarHours
	CalendarDays
	WorkingHours
	WorkingDays
)

var limitUnitNames = names{
	typ:  "LimitUnit",
	list: []string{"", "calendar_minutes", "calendar_hours", "calendar_days", "working_hours", "working_days"},
	err:  ErrUnknownLimitUnit,
}

// IsValid reports whether u is a defined unit.
func (u LimitUnit) IsValid() bool { return limitUnitNames.valid(uint8(u)) }

// String returns the wire name ("working_days"), or "LimitUnit(N)".
func (u LimitUnit) String() string { return limitUnitNames.str(uint8(u)) }

// ParseLimitUnit parses a wire name; unknown text matches ErrUnknownLimitUnit.
func ParseLimitUnit(s string) (LimitUnit, error) {
	v, err := limitUnitNames.parse(s)
	return LimitUnit(v), err
}

// AppendText appends the wire name to b; an undefined value is an error.
func (u LimitUnit) AppendText(b []byte) ([]byte, error) {
	return limitUnitNames.appendText(b, uint8(u))
}

// MarshalText writes the wire name; an invalid unit is an error.
func (u LimitUnit) MarshalText() ([]byte, error) { return limitUnitNames.appendText(nil, uint8(u)) }

// UnmarshalText parses the wire name; on error *u is unchanged.
func (u *LimitUnit) UnmarshalText(b []byte) error {
	v, err := ParseLimitUnit(string(b))
	if err == nil {
		*u = v
	}
	return err
}

// MaxLimitAmount bounds Limit.Amount for every unit, so that no deadline
// overflows and every deadline stays within a century of its start.
const MaxLimitAmount = 36500

// Limit is a time limit such as 5 working hours or 15 working days. JSON:
// {"amount":5,"unit":"working_hours"}. The zero value is "no limit" and is
// reported by IsZero; Validate rejects it where a limit is required.
type Limit struct {
	Amount int       `json:"amount"`
	Unit   LimitUnit `json:"unit"`
}

// IsZero reports whether l is the zero Limit.
func (l Limit) IsZero() bool { return l == Limit{} }

// Validate checks that the unit is defined and 1 ≤ Amount ≤ MaxLimitAmount.
func (l Limit) Validate() error {
	if !l.Unit.IsValid() {
		return fmt.Errorf("%w: unit %s", ErrBadLimit, l.Unit)
	}
	if l.Amount < 1 || l.Amount > MaxLimitAmount {
		return fmt.Errorf("%w: amount %d outside 1..%d", ErrBadLimit, l.Amount, MaxLimitAmount)
	}
	return nil
}

// String returns "5 working_hours".
func (l Limit) String() string { return strconv.Itoa(l.Amount) + " " + l.Unit.String() }
