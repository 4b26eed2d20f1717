package incident

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
)

// DefaultTimeZone is the IANA zone a Spec uses when it names none.
const DefaultTimeZone = "Asia/Shanghai"

// MaxCalendarDays bounds the span of a Calendar (about a century), which
// bounds the memory a compiled calendar holds.
const MaxCalendarDays = 36525

// Interval is a working-hour interval of a day, [Start, End) in local
// wall-clock time. JSON: {"start":"08:30","end":"12:00"}.
type Interval struct {
	Start Clock `json:"start"`
	End   Clock `json:"end"`
}

// DefaultWorkingHours returns the working hours a Spec uses when it names
// none: 08:30–12:00 and 13:30–17:30, seven and a half hours, a common
// schedule of Chinese government offices. Callers whose offices keep other
// hours say so in their Spec.
func DefaultWorkingHours() []Interval {
	return []Interval{{8*60 + 30, 12 * 60}, {13*60 + 30, 17*60 + 30}}
}

// Span is a named run of consecutive dates, From to To inclusive.
type Span struct {
	Name string `json:"name,omitempty"`
	From Date   `json:"from"`
	To   Date   `json:"to"`
}

// Day is a named single date.
type Day struct {
	Name string `json:"name,omitempty"`
	Date Date   `json:"date"`
}

// Spec describes a working-time calendar. It is plain data, loadable from
// JSON; NewCalendar compiles it.
//
// A date in [From, To] is a working day when it is an adjusted working day
// (listed in WorkingDays), or when it is neither a weekly rest day nor in a
// holiday span. Holidays and adjusted working days outside [From, To] are
// allowed (a notice for one year often names a date of the previous one)
// and have no effect.
type Spec struct {
	// TimeZone is an IANA zone name; empty means DefaultTimeZone.
	TimeZone string `json:"time_zone,omitempty"`
	// From and To are the first and last date the calendar covers.
	From Date `json:"from"`
	To   Date `json:"to"`
	// WorkingHours are the intervals of every working day, in order and
	// not overlapping; nil means DefaultWorkingHours.
	WorkingHours []Interval `json:"working_hours,omitempty"`
	// RestDays are the weekly rest days by English name ("saturday"); nil
	// means Saturday and Sunday, an empty list means none.
	RestDays []string `json:"rest_days,omitempty"`
	// Holidays are days off, including the weekend days a notice moves.
	Holidays []Span `json:"holidays,omitempty"`
	// WorkingDays are adjusted working days: dates that are working days
	// although they fall on a weekly rest day.
	WorkingDays []Day `json:"working_days,omitempty"`
}

// ParseSpec decodes a Spec from JSON and validates it. Unknown fields are
// ignored. On error the zero Spec is returned.
func ParseSpec(data []byte) (Spec, error) {
	var s Spec
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&s); err != nil {
		return Spec{}, fmt.Errorf("incident: decoding calendar spec: %w", err)
	}
	if dec.More() {
		return Spec{}, fmt.Errorf("incident: decoding calendar spec: %w", ErrTrailingData)
	}
	if err := s.Validate(); err != nil {
		return Spec{}, err
	}
	return s, nil
}

var weekdayNames = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

func parseWeekday(s string) (time.Weekday, bool) {
	i := slices.Index(weekdayNames, strings.ToLower(s))
	return time.Weekday(i), i >= 0
}

// Validate reports every problem of s at once as a
// *grassroots.ValidationError with JSON field paths.
func (s Spec) Validate() error {
	var fs []grassroots.FieldError
	add := func(path, rule, format string, args ...any) {
		fs = append(fs, grassroots.FieldError{Path: path, Rule: rule, Message: fmt.Sprintf(format, args...)})
	}
	if _, err := s.location(); err != nil {
		add("time_zone", "time_zone", "unknown time zone %q", s.TimeZone)
	}
	switch {
	case !s.From.IsValid():
		add("from", "date", "from must be a valid date")
	case !s.To.IsValid():
		add("to", "date", "to must be a valid date")
	case s.To.Compare(s.From) < 0:
		add("to", "gtefield", "to %s is before from %s", s.To, s.From)
	case daysBetween(s.From, s.To) >= MaxCalendarDays:
		add("to", "max", "a calendar spans at most %d days", MaxCalendarDays)
	}
	if s.WorkingHours != nil && len(s.WorkingHours) == 0 {
		add("working_hours", "min", "working_hours must hold at least one interval")
	}
	var prev Clock
	for i, iv := range s.WorkingHours {
		p := grassroots.ElementPath("working_hours", i)
		if iv.Start < 0 || iv.End > 24*60 || iv.Start >= iv.End {
			add(p, "interval", "interval %s-%s must have 00:00 <= start < end <= 24:00", iv.Start, iv.End)
		} else if iv.Start < prev {
			add(p, "order", "interval %s-%s overlaps or precedes the one before", iv.Start, iv.End)
		}
		prev = iv.End
	}
	for i, name := range s.RestDays {
		if _, ok := parseWeekday(name); !ok {
			add(grassroots.ElementPath("rest_days", i), "weekday", "unknown weekday %q", name)
		}
	}
	off := map[Date]bool{}
	for i, h := range s.Holidays {
		p := grassroots.ElementPath("holidays", i)
		switch {
		case !h.From.IsValid() || !h.To.IsValid():
			add(p, "date", "holiday dates must be valid")
		case h.To.Compare(h.From) < 0 || daysBetween(h.From, h.To) > 366:
			add(p, "span", "holiday %s..%s must run forward for at most a year", h.From, h.To)
		default:
			for d := h.From; d.Compare(h.To) <= 0; d = d.AddDays(1) {
				off[d] = true
			}
		}
	}
	for i, w := range s.WorkingDays {
		p := grassroots.ElementPath("working_days", i)
		switch {
		case !w.Date.IsValid():
			add(p, "date", "working day date must be valid")
		case off[w.Date]:
			add(p, "excluded_with", "%s is both a holiday and an adjusted working day", w.Date)
		}
	}
	return grassroots.NewValidationError(fs...)
}

func (s Spec) location() (*time.Location, error) {
	name := s.TimeZone
	if name == "" {
		name = DefaultTimeZone
	}
	loc, err := time.LoadLocation(name)
	if err != nil && name == DefaultTimeZone {
		// China has kept UTC+8 without daylight saving since 1991, so a
		// host without tzdata still gets exact local times.
		return time.FixedZone("CST", 8*60*60), nil
	}
	return loc, err
}

func daysBetween(a, b Date) int {
	return int(b.midnight(time.UTC).Sub(a.midnight(time.UTC)).Hours() / 24)
}
