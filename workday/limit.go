package workday

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots/internal/enum"
)

// Unit is the unit of a time limit. The zero value is invalid. On the
// wire it is its lower_snake name ("working_days").
type Unit uint8

// The limit units. Calendar units run around the clock; working units
// count only the working time of a Calendar (see the package doc for the
// counting rules).
const (
	CalendarMinutes Unit = iota + 1
	CalendarHours
	CalendarDays
	WorkingHours
	WorkingDays
)

var units = enum.New[Unit]("workday.Unit",
	"calendar_minutes", "calendar_hours", "calendar_days", "working_hours", "working_days")

// IsValid reports whether u is a defined unit.
func (u Unit) IsValid() bool { return units.Valid(u) }

// String returns the wire name ("working_days"), or "Unit(N)".
func (u Unit) String() string { return units.String(u) }

// AppendText appends the wire name to b; an undefined value is an error.
func (u Unit) AppendText(b []byte) ([]byte, error) { return units.Append(b, u) }

// MarshalText writes the wire name; an undefined value is an error.
func (u Unit) MarshalText() ([]byte, error) { return units.Marshal(u) }

// UnmarshalText parses the wire name; on error *u is unchanged.
func (u *Unit) UnmarshalText(b []byte) error { return units.Unmarshal(u, b) }

// ParseUnit parses a wire name; unknown text is a
// *grassroots.UnknownNameError listing the valid names.
func ParseUnit(s string) (Unit, error) { return units.Parse(s) }

// Working reports whether u counts working time (working hours or days).
func (u Unit) Working() bool { return u == WorkingHours || u == WorkingDays }

// MaxAmount bounds Limit.Amount for every unit, so that no deadline
// overflows and every deadline stays within a century of its start.
const MaxAmount = 36500

// Limit is a time limit such as 5 working hours or 15 working days. JSON:
// {"amount":5,"unit":"working_hours"}; text (String, ParseLimit):
// "5 working_hours". The zero value is "no limit" and is reported by
// IsZero; Validate rejects it where a limit is required. Limits are
// comparable values.
type Limit struct {
	Amount int  `json:"amount"`
	Unit   Unit `json:"unit"`
}

// IsZero reports whether l is the zero Limit.
func (l Limit) IsZero() bool { return l == Limit{} }

// Validate checks that the unit is defined and 1 ≤ Amount ≤ MaxAmount.
// Its errors match ErrBadLimit.
func (l Limit) Validate() error {
	if !l.Unit.IsValid() {
		return fmt.Errorf("%w: unit %s; valid units: %s", ErrBadLimit, l.Unit, strings.Join(units.Names(), ", "))
	}
	if l.Amount < 1 || l.Amount > MaxAmount {
		return fmt.Errorf("%w: amount %d outside 1..%d", ErrBadLimit, l.Amount, MaxAmount)
	}
	return nil
}

// After returns the deadline of a calendar-unit limit counted from start,
// in start's location, by the rules a Calendar uses for those units (see
// the package doc): minutes and hours around the clock, days to 24:00 of
// the last day. A working unit needs a Calendar and is an error matching
// ErrNeedsCalendar; an invalid limit is an error matching ErrBadLimit.
func (l Limit) After(start time.Time) (time.Time, error) {
	if err := l.Validate(); err != nil {
		return time.Time{}, err
	}
	switch l.Unit {
	case CalendarMinutes:
		return start.Add(time.Duration(l.Amount) * time.Minute), nil
	case CalendarHours:
		return start.Add(time.Duration(l.Amount) * time.Hour), nil
	case CalendarDays:
		y, m, d := start.Date()
		return time.Date(y, m, d+l.Amount+1, 0, 0, 0, 0, start.Location()), nil
	}
	return time.Time{}, fmt.Errorf("%w: %s", ErrNeedsCalendar, l)
}

// String returns the text form, "5 working_hours".
func (l Limit) String() string { return strconv.Itoa(l.Amount) + " " + l.Unit.String() }

// ParseLimit parses the text form written by String: a decimal amount, one
// space and a unit name ("15 working_days"), the amount without sign or
// leading zeros. The limit must be valid; errors match ErrBadLimit.
func ParseLimit(s string) (Limit, error) {
	num, name, ok := strings.Cut(s, " ")
	if !ok {
		return Limit{}, fmt.Errorf("%w: %q is not \"<amount> <unit>\"", ErrBadLimit, s)
	}
	n, err := strconv.Atoi(num)
	if err != nil || strconv.Itoa(n) != num {
		return Limit{}, fmt.Errorf("%w: amount %q is not a whole number without sign or leading zeros", ErrBadLimit, num)
	}
	u, err := ParseUnit(name)
	if err != nil {
		return Limit{}, fmt.Errorf("%w: unit %q; valid units: %s", ErrBadLimit, name, strings.Join(units.Names(), ", "))
	}
	l := Limit{Amount: n, Unit: u}
	if err := l.Validate(); err != nil {
		return Limit{}, err
	}
	return l, nil
}
