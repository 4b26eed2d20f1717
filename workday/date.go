package workday

import (
	"cmp"
	"fmt"
	"time"

	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Date is a civil date (year, month, day) without a time zone, written as
// "2006-01-02". The zero value is not a valid date. Dates are comparable
// values: == is meaningful for valid dates, and Compare orders them.
// Decoding into a nil *Date is an error matching grassroots.ErrInvalid.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses "YYYY-MM-DD". The date must exist in the proleptic
// Gregorian calendar ("2025-02-29" is an error).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) {
		return Date{}, fmt.Errorf("%w: %q", ErrBadDate, s)
	}
	return DateOf(t), nil
}

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsValid reports whether d names an existing day between years 1 and 9999.
func (d Date) IsValid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return DateOf(d.midnight(time.UTC)) == d
}

// midnight returns the first instant of d in loc.
func (d Date) midnight(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the date n days after d (before, when n is negative).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.midnight(time.UTC).Weekday() }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp.Compare(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp.Compare(d.Month, e.Month)
	}
	return cmp.Compare(d.Day, e.Day)
}

// String returns "YYYY-MM-DD"; an invalid date prints its fields the same way.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// AppendText appends "YYYY-MM-DD" to b. An invalid date is an error
// matching ErrBadDate.
func (d Date) AppendText(b []byte) ([]byte, error) {
	if !d.IsValid() {
		return b, fmt.Errorf("%w: %s", ErrBadDate, d)
	}
	return fmt.Appendf(b, "%04d-%02d-%02d", d.Year, int(d.Month), d.Day), nil
}

// MarshalText writes "YYYY-MM-DD". An invalid date is an error.
func (d Date) MarshalText() ([]byte, error) { return d.AppendText(nil) }

// UnmarshalText parses "YYYY-MM-DD"; on error *d is unchanged.
func (d *Date) UnmarshalText(b []byte) error {
	if d == nil {
		return validate.NilTarget("workday.Date")
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Clock is a time of day in whole minutes after midnight, written "HH:MM".
// "24:00" (1440) is valid and means the end of the day; it may only end an
// interval. The zero value is 00:00. Decoding into a nil *Clock is an
// error matching grassroots.ErrInvalid.
type Clock int16

// ParseClock parses "HH:MM" with 00 ≤ HH ≤ 24 and 00 ≤ MM ≤ 59; "24:00" is
// the only valid time with HH = 24.
func ParseClock(s string) (Clock, error) {
	if len(s) != 5 || s[2] != ':' || !isDigits(s[:2]) || !isDigits(s[3:]) {
		return 0, fmt.Errorf("%w: %q", ErrBadClock, s)
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("%w: %q", ErrBadClock, s)
	}
	return Clock(h*60 + m), nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String returns "HH:MM".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// IsValid reports whether c lies in 00:00–24:00.
func (c Clock) IsValid() bool { return c >= 0 && c <= 24*60 }

// AppendText appends "HH:MM" to b. A clock outside 00:00–24:00 is an
// error matching ErrBadClock.
func (c Clock) AppendText(b []byte) ([]byte, error) {
	if !c.IsValid() {
		return b, fmt.Errorf("%w: %d minutes", ErrBadClock, int(c))
	}
	return fmt.Appendf(b, "%02d:%02d", int(c)/60, int(c)%60), nil
}

// MarshalText writes "HH:MM". A clock outside 00:00–24:00 is an error.
func (c Clock) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText parses "HH:MM"; on error *c is unchanged.
func (c *Clock) UnmarshalText(b []byte) error {
	if c == nil {
		return validate.NilTarget("workday.Clock")
	}
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
