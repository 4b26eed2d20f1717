package provider

import (
	"fmt"
	"strconv"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Precision says how much of a PartialDate is known.
type Precision uint8

// The precisions of a PartialDate, coarsest first.
const (
	// PrecisionYear: "2021".
	PrecisionYear Precision = iota + 1
	// PrecisionMonth: "2021-06".
	PrecisionMonth
	// PrecisionDay: "2021-06-15".
	PrecisionDay
)

var precisionNames = enum.New[Precision]("provider.Precision", "year", "month", "day")

// IsValid reports whether p is one of the Precision values.
func (p Precision) IsValid() bool { return precisionNames.Valid(p) }

// String returns the wire name of p, or "Precision(N)" for an invalid value.
func (p Precision) String() string { return precisionNames.String(p) }

// AppendText appends the wire name of p to b; an invalid value is an error.
func (p Precision) AppendText(b []byte) ([]byte, error) { return precisionNames.Append(b, p) }

// MarshalText returns the wire name of p; an invalid value is an error.
func (p Precision) MarshalText() ([]byte, error) { return precisionNames.Marshal(p) }

// UnmarshalText sets *p to the value named by b; on error *p is unchanged.
func (p *Precision) UnmarshalText(b []byte) error { return precisionNames.Unmarshal(p, b) }

// ParsePrecision returns the Precision named s; an unknown name is a *grassroots.UnknownNameError.
func ParsePrecision(s string) (Precision, error) { return precisionNames.Parse(s) }

// PartialDate is a calendar date known to a year, a month or a day, written
// as Popolo writes membership dates: "YYYY", "YYYY-MM" or "YYYY-MM-DD".
//
// A partial date names a span of local calendar days (a whole year, a whole
// month, one day), not an instant. Start and End turn it into instants for
// the two ends of a half-open grassroots.Period:
//
//   - as a start date it means the first instant of its span: "2021" starts
//     at 2021-01-01T00:00 local time;
//   - as an end date it is inclusive, as in Popolo ("end_date": "1971-12-31"
//     is the last day of the membership), so it means the first instant
//     after its span: "2021" ends at 2022-01-01T00:00, "2021-06" at
//     2021-07-01T00:00, "2021-06-15" at 2021-06-16T00:00.
//
// The zero value means "no date" (an open start or end) and is written as
// the empty string. PartialDate is comparable; == compares the written form.
// Decoding into a nil *PartialDate is an error matching
// grassroots.ErrInvalid.
type PartialDate struct {
	year  int16
	month uint8 // 0 when unknown
	day   uint8 // 0 when unknown
}

// ParsePartialDate parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (year 0001 to
// 9999, a real month and a day that exists in that month). The empty string
// gives the zero value. Anything else is an error matching ErrPartialDate.
func ParsePartialDate(s string) (PartialDate, error) {
	if s == "" {
		return PartialDate{}, nil
	}
	bad := func() (PartialDate, error) { return PartialDate{}, fmt.Errorf("%w: %q", ErrPartialDate, s) }
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return bad()
	}
	y, ok := digits(s[0:4])
	if !ok || y < 1 {
		return bad()
	}
	d := PartialDate{year: int16(y)}
	if len(s) >= 7 {
		m, ok := digits(s[5:7])
		if s[4] != '-' || !ok || m < 1 || m > 12 {
			return bad()
		}
		d.month = uint8(m)
	}
	if len(s) == 10 {
		day, ok := digits(s[8:10])
		if s[7] != '-' || !ok || day < 1 || day > daysIn(y, d.month) {
			return bad()
		}
		d.day = uint8(day)
	}
	return d, nil
}

// PartialDateOf returns the day-precision date of t in t's location, or
// the zero value for a year outside 1–9999.
func PartialDateOf(t time.Time) PartialDate {
	y, m, d := t.Date()
	if y < 1 || y > 9999 {
		return PartialDate{}
	}
	return PartialDate{year: int16(y), month: uint8(m), day: uint8(d)}
}

func digits(s string) (int, bool) {
	n := 0
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func daysIn(year int, month uint8) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is the zero value (no date).
func (d PartialDate) IsZero() bool { return d.year == 0 }

// Precision returns how much of d is known; 0 for the zero value.
func (d PartialDate) Precision() Precision {
	switch {
	case d.year == 0:
		return 0
	case d.month == 0:
		return PrecisionYear
	case d.day == 0:
		return PrecisionMonth
	}
	return PrecisionDay
}

// Start returns the first instant of d's span in loc (UTC when loc is nil),
// or the zero time for the zero value.
func (d PartialDate) Start(loc *time.Location) time.Time {
	if d.year == 0 {
		return time.Time{}
	}
	m, day := max(d.month, 1), max(d.day, 1)
	return time.Date(int(d.year), time.Month(m), int(day), 0, 0, 0, 0, orUTC(loc))
}

// End returns the first instant after d's span in loc (UTC when loc is
// nil), so that d read as an inclusive end date becomes the exclusive end
// of a half-open period. The zero value gives the zero time (open end).
func (d PartialDate) End(loc *time.Location) time.Time {
	s := d.Start(loc)
	switch d.Precision() {
	case PrecisionYear:
		return s.AddDate(1, 0, 0)
	case PrecisionMonth:
		return s.AddDate(0, 1, 0)
	case PrecisionDay:
		return s.AddDate(0, 0, 1)
	}
	return time.Time{}
}

func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// String returns "YYYY", "YYYY-MM" or "YYYY-MM-DD", or "" for the zero value.
func (d PartialDate) String() string {
	b, _ := d.AppendText(nil)
	return string(b)
}

// AppendText appends the written form of d to b.
func (d PartialDate) AppendText(b []byte) ([]byte, error) {
	if d.year == 0 {
		return b, nil
	}
	b = appendPadded(b, int(d.year), 4)
	if d.month != 0 {
		b = appendPadded(append(b, '-'), int(d.month), 2)
	}
	if d.day != 0 {
		b = appendPadded(append(b, '-'), int(d.day), 2)
	}
	return b, nil
}

func appendPadded(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

// MarshalText implements encoding.TextMarshaler.
func (d PartialDate) MarshalText() ([]byte, error) { return d.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler. On error *d is
// unchanged.
func (d *PartialDate) UnmarshalText(b []byte) error {
	if d == nil {
		return validate.NilTarget("provider.PartialDate")
	}
	v, err := ParsePartialDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// partialPeriod turns a start and an inclusive end date into a half-open
// period in loc. A zero start gives a zero Period.Start.
func partialPeriod(start, end PartialDate, loc *time.Location) grassroots.Period {
	return grassroots.Period{Start: start.Start(loc), End: end.End(loc)}
}
