package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Datetime is a GeoReport v2 datetime. GeoReport v2 and the
// servicerequestupdates extension take "a common subset of ISO 8601 as
// per the w3 note" (W3C-DTF, https://www.w3.org/TR/NOTE-datetime) with a
// time zone, so Datetime reads every W3C-DTF form that has a time:
//
//	2026-03-10T09:00+08:00        hours and minutes
//	2026-03-10T09:00:05Z          with seconds
//	2026-03-10T09:00:05.25-05:00  with a decimal fraction of a second
//
// each with the zone "Z" or "±hh:mm" (lower-case "t" and "z", which
// RFC 3339 allows, are read too). The date-only forms of W3C-DTF (year,
// year and month, complete date) carry no zone and name no instant, so
// they are refused, as is any text without a zone. It is written in
// RFC 3339 with the offset of its location and whole seconds (fractions
// are truncated, because deployed servers reject them). The zero Datetime
// means "absent": it is written as JSON null and omitted from XML, and
// JSON null or "" reads as zero. Decoding into a nil *Datetime is an
// error matching grassroots.ErrInvalid.
type Datetime struct {
	time.Time
}

// DatetimeOf returns t as a Datetime truncated to whole seconds.
func DatetimeOf(t time.Time) Datetime {
	if t.IsZero() {
		return Datetime{}
	}
	return Datetime{t.Truncate(time.Second)}
}

// ParseDatetime parses a W3C-DTF datetime with a time and a zone (see
// Datetime); "" is the zero Datetime. Any other text is an error matching
// ErrInvalidDatetime. The result keeps the fraction it was given and the
// offset as a fixed zone (UTC for "Z").
func ParseDatetime(s string) (Datetime, error) {
	if s == "" {
		return Datetime{}, nil
	}
	t, ok := parseW3C(s)
	if !ok {
		return Datetime{}, fmt.Errorf("%w: %q is not a W3C datetime with a time and a zone, such as 2026-03-10T09:00+08:00", ErrInvalidDatetime, s)
	}
	return Datetime{t}, nil
}

// parseW3C reads YYYY-MM-DDThh:mm[:ss[.s+]]TZD.
func parseW3C(s string) (time.Time, bool) {
	if len(s) < len("2006-01-02T15:04Z") || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' {
		return time.Time{}, false
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	hour, ok4 := digits(s[11:13])
	minute, ok5 := digits(s[14:16])
	if !(ok1 && ok2 && ok3 && ok4 && ok5) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(time.Month(month), year) || hour > 23 || minute > 59 {
		return time.Time{}, false
	}
	rest := s[16:]
	second, nsec := 0, 0
	if strings.HasPrefix(rest, ":") {
		if len(rest) < 3 {
			return time.Time{}, false
		}
		v, ok := digits(rest[1:3])
		if !ok || v > 59 {
			return time.Time{}, false
		}
		second, rest = v, rest[3:]
		if strings.HasPrefix(rest, ".") {
			n := 1
			for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
				n++
			}
			if n == 1 || n > 10 {
				return time.Time{}, false // no digit, or finer than a nanosecond
			}
			frac := rest[1:n] + strings.Repeat("0", 10-n)
			nsec, _ = digits(frac)
			rest = rest[n:]
		}
	}
	zone, ok := parseZone(rest)
	if !ok {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, second, nsec, zone), true
}

// parseZone reads "Z" or "±hh:mm" (hours 00-23, minutes 00-59).
func parseZone(s string) (*time.Location, bool) {
	if s == "Z" || s == "z" {
		return time.UTC, true
	}
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return nil, false
	}
	h, ok1 := digits(s[1:3])
	m, ok2 := digits(s[4:6])
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return nil, false
	}
	off := h*3600 + m*60
	if s[0] == '-' {
		off = -off
	}
	return time.FixedZone("", off), true
}

// digits returns the value of a run of ASCII digits; ok is false for
// anything else, the empty string included.
func digits(s string) (v int, ok bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// daysIn returns the number of days of a month in the proleptic
// Gregorian calendar.
func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// String returns the wire form, or "" for the zero Datetime.
func (d Datetime) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Truncate(time.Second).Format(time.RFC3339)
}

// MarshalText writes the wire form; the zero Datetime writes nothing.
func (d Datetime) MarshalText() ([]byte, error) {
	if !d.IsZero() && (d.Year() < 0 || d.Year() > 9999) {
		return nil, fmt.Errorf("%w: year %d outside 0-9999", ErrInvalidDatetime, d.Year())
	}
	return []byte(d.String()), nil
}

// AppendText appends the wire form to b, as MarshalText writes it.
func (d Datetime) AppendText(b []byte) ([]byte, error) {
	t, err := d.MarshalText()
	if err != nil {
		return b, err
	}
	return append(b, t...), nil
}

// UnmarshalText parses the wire form; on error *d is unchanged.
func (d *Datetime) UnmarshalText(b []byte) error {
	if d == nil {
		return validate.NilTarget("open311.Datetime")
	}
	v, err := ParseDatetime(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON writes the wire form as a JSON string, or null when zero.
func (d Datetime) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	b, err := d.MarshalText()
	if err != nil {
		return nil, err
	}
	return json.Marshal(string(b))
}

// UnmarshalJSON reads a JSON string or null; on error *d is unchanged.
func (d *Datetime) UnmarshalJSON(b []byte) error {
	if d == nil {
		return validate.NilTarget("open311.Datetime")
	}
	if bytes.Equal(b, []byte("null")) {
		*d = Datetime{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("%w: %s", ErrInvalidDatetime, b)
	}
	return d.UnmarshalText([]byte(s))
}

// MarshalXML writes the element with the wire form, or nothing when zero.
func (d Datetime) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if d.IsZero() {
		return nil
	}
	b, err := d.MarshalText()
	if err != nil {
		return err
	}
	return e.EncodeElement(string(b), start)
}

// UnmarshalXML reads the element's text; on error *d is unchanged.
func (d *Datetime) UnmarshalXML(dec *xml.Decoder, start xml.StartElement) error {
	if d == nil {
		return validate.NilTarget("open311.Datetime")
	}
	var s string
	if err := dec.DecodeElement(&s, &start); err != nil {
		return err
	}
	return d.UnmarshalText([]byte(strings.TrimSpace(s)))
}
