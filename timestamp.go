package grassroots

import (
	"fmt"
	"time"
)

// ParseTimestamp parses an RFC 3339 date-time exactly as section 5.6 of
// the RFC defines it, and nothing more: four-digit year, two-digit month,
// day, hour, minute and second, an optional fraction of up to nine digits
// after a period, and "Z" or an offset ±hh:mm with hh below 24 and mm
// below 60. "T" and "Z" may be lower case, as the RFC allows.
//
// Forms that time.Parse tolerates but the RFC does not (one-digit hours,
// a comma before the fraction, "+24:00") are refused, and so is a leap
// second (":60"), which time.Time cannot hold. The result carries the
// offset as a fixed zone (UTC for "Z"), so it formats back to the same
// instant and offset.
func ParseTimestamp(s string) (time.Time, error) {
	t, msg := parseTimestamp(s)
	if msg != "" {
		return time.Time{}, fmt.Errorf("%w: timestamp %q: %s", ErrInvalid, s, msg)
	}
	return t, nil
}

func parseTimestamp(s string) (time.Time, string) {
	const minLen = len("2006-01-02T15:04:05Z")
	if len(s) < minLen {
		return time.Time{}, "too short for an RFC 3339 date-time"
	}
	num := func(i, n int) (int, bool) {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	year, ok1 := num(0, 4)
	month, ok2 := num(5, 2)
	day, ok3 := num(8, 2)
	hour, ok4 := num(11, 2)
	minute, ok5 := num(14, 2)
	sec, ok6 := num(17, 2)
	switch {
	case !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6),
		s[4] != '-', s[7] != '-', s[10] != 'T' && s[10] != 't', s[13] != ':', s[16] != ':':
		return time.Time{}, "not of the form YYYY-MM-DDThh:mm:ss"
	case month < 1 || month > 12:
		return time.Time{}, "month out of range"
	case day < 1 || day > daysIn(year, time.Month(month)):
		return time.Time{}, "day out of range"
	case hour > 23:
		return time.Time{}, "hour out of range"
	case minute > 59:
		return time.Time{}, "minute out of range"
	case sec == 60:
		return time.Time{}, "leap seconds are not supported"
	case sec > 59:
		return time.Time{}, "second out of range"
	}
	rest := s[19:]
	nsec := 0
	if rest[0] == '.' {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		digits := i - 1
		switch {
		case digits == 0:
			return time.Time{}, "a period must be followed by digits"
		case digits > 9:
			return time.Time{}, "more than nine fractional digits"
		}
		frac, _ := num(20, digits)
		for range 9 - digits {
			frac *= 10
		}
		nsec, rest = frac, rest[i:]
	}
	var loc *time.Location
	switch {
	case rest == "Z" || rest == "z":
		loc = time.UTC
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, okh := num(len(s)-5, 2)
		om, okm := num(len(s)-2, 2)
		switch {
		case !okh || !okm:
			return time.Time{}, "offset is not ±hh:mm"
		case oh > 23 || om > 59:
			return time.Time{}, "offset out of range"
		}
		off := oh*3600 + om*60
		if rest[0] == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	default:
		return time.Time{}, `offset must be "Z" or ±hh:mm`
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, loc), ""
}

func daysIn(year int, m time.Month) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// timestampProblem returns why t cannot be written as an RFC 3339
// timestamp that reads back to the same instant, or "".
func timestampProblem(t time.Time) string {
	if y := t.Year(); y < 0 || y > 9999 {
		return "year outside 0000-9999"
	}
	if _, off := t.Zone(); off%60 != 0 {
		return "offset has seconds, which RFC 3339 cannot write"
	}
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return "year outside 0000-9999 in UTC"
	}
	return ""
}

// AppendTimestamp appends t in RFC 3339 with its own offset and the fewest
// fractional digits that hold it (time.RFC3339Nano): the form Event writes
// on the wire.
func AppendTimestamp(b []byte, t time.Time) []byte { return t.AppendFormat(b, time.RFC3339Nano) }

// AppendCanonicalTimestamp appends the canonical form of t that the chain
// hash covers: the same instant in UTC, "T" and "Z" in upper case, and the
// fewest fractional digits that hold it ("2025-06-09T02:00:00.5Z").
func AppendCanonicalTimestamp(b []byte, t time.Time) []byte {
	return t.UTC().AppendFormat(b, time.RFC3339Nano)
}
