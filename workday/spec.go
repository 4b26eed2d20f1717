package workday

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// DefaultTimeZone is the IANA zone a Spec uses when it names none.
const DefaultTimeZone = "Asia/Shanghai"

// MaxDays bounds the span of a Calendar (a century), which bounds the
// memory a compiled calendar holds.
const MaxDays = 36525

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

// Contains reports whether d lies in the span.
func (s Span) Contains(d Date) bool { return s.From.Compare(d) <= 0 && d.Compare(s.To) <= 0 }

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
// holiday span. Holidays, adjusted working days and provisional spans
// outside [From, To] are allowed (a notice for one year often names a date
// of the previous one) and have no effect.
//
// Provisional spans mark the dates whose holidays no published notice
// fixes: their holidays come from a rule (see StatutoryHolidays) and may
// still change when the notice appears. A deadline that rests on such a
// date says so (Deadline.Provisional).
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
	// Provisional lists the runs of dates whose arrangement rests on a
	// rule rather than a published notice.
	Provisional []Span `json:"provisional,omitempty"`
}

// ParseSpec decodes a Spec from JSON and validates it. Unknown fields are
// ignored. On error the zero Spec is returned.
func ParseSpec(data []byte) (Spec, error) {
	var s Spec
	if err := decodeJSON(data, &s, "calendar spec"); err != nil {
		return Spec{}, err
	}
	if err := s.Validate(); err != nil {
		return Spec{}, err
	}
	return s, nil
}

// decodeJSON decodes exactly one JSON value from data into v.
func decodeJSON(data []byte, v any, what string) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("workday: decoding %s: %w", what, err)
	}
	if dec.More() {
		return ErrTrailingData
	}
	return nil
}

var weekdayNames = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

func parseWeekday(s string) (time.Weekday, bool) {
	i := slices.Index(weekdayNames, strings.ToLower(s))
	return time.Weekday(i), i >= 0
}

// Validate reports every problem of s at once as a
// *grassroots.ValidationError with JSON field paths.
func (s Spec) Validate() error {
	var p validate.Problems
	if _, err := s.location(); err != nil {
		p.Addf("time_zone", grassroots.RuleReference, "unknown time zone %q; want an IANA zone name such as %q", s.TimeZone, DefaultTimeZone)
	}
	fromOK, toOK := checkDate(&p, "from", s.From), checkDate(&p, "to", s.To)
	switch {
	case !fromOK || !toOK:
	case s.To.Compare(s.From) < 0:
		p.Addf("to", grassroots.RuleOrder, "to %s is before from %s", s.To, s.From)
	case daysBetween(s.From, s.To) >= MaxDays:
		p.Addf("to", grassroots.RuleMax, "a calendar spans at most %d days", MaxDays)
	}
	if s.WorkingHours != nil && len(s.WorkingHours) == 0 {
		p.Add("working_hours", grassroots.RuleMin, "working_hours must hold at least one interval")
	}
	var prev Clock
	for i, iv := range s.WorkingHours {
		path := grassroots.ElementPath("working_hours", i)
		switch {
		case !iv.Start.IsValid() || !iv.End.IsValid():
			p.Addf(path, grassroots.RuleMax, "interval %s-%s must lie within 00:00-24:00", iv.Start, iv.End)
		case iv.Start >= iv.End:
			p.Addf(path, grassroots.RuleOrder, "interval %s-%s must start before it ends", iv.Start, iv.End)
		case iv.Start < prev:
			p.Addf(path, grassroots.RuleOrder, "interval %s-%s overlaps or precedes the one before", iv.Start, iv.End)
		}
		prev = iv.End
	}
	for i, name := range s.RestDays {
		if _, ok := parseWeekday(name); !ok {
			p.Addf(grassroots.ElementPath("rest_days", i), grassroots.RuleEnum, "unknown weekday %q; valid names: %s", name, strings.Join(weekdayNames, ", "))
		}
	}
	off := map[Date]bool{}
	for i, h := range s.Holidays {
		if checkSpan(&p, grassroots.ElementPath("holidays", i), h, 366) {
			for d := h.From; d.Compare(h.To) <= 0; d = d.AddDays(1) {
				off[d] = true
			}
		}
	}
	for i, w := range s.WorkingDays {
		path := grassroots.ElementPath("working_days", i)
		if checkDate(&p, grassroots.JoinFieldPath(path, "date"), w.Date) && off[w.Date] {
			p.Addf(path, grassroots.RuleExcluded, "%s is both a holiday and an adjusted working day", w.Date)
		}
	}
	for i, sp := range s.Provisional {
		checkSpan(&p, grassroots.ElementPath("provisional", i), sp, MaxDays)
	}
	return p.Err()
}

// checkDate records a problem at path unless d is a valid date.
func checkDate(p *validate.Problems, path string, d Date) bool {
	switch {
	case d == Date{}:
		p.Add(path, grassroots.RuleRequired, path+" is required")
	case !d.IsValid():
		p.Addf(path, grassroots.RuleFormat, "%s is not a valid date", d)
	default:
		return true
	}
	return false
}

// checkSpan records the problems of a span of at most maxDays days.
func checkSpan(p *validate.Problems, path string, s Span, maxDays int) bool {
	fromOK := checkDate(p, grassroots.JoinFieldPath(path, "from"), s.From)
	toOK := checkDate(p, grassroots.JoinFieldPath(path, "to"), s.To)
	switch {
	case !fromOK || !toOK:
		return false
	case s.To.Compare(s.From) < 0:
		p.Addf(path, grassroots.RuleOrder, "span %s..%s ends before it starts", s.From, s.To)
		return false
	case daysBetween(s.From, s.To) >= maxDays:
		p.Addf(path, grassroots.RuleMax, "span %s..%s is longer than %d days", s.From, s.To, maxDays)
		return false
	}
	return true
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

// daysBetween returns the number of days from a to b. Midnight UTC is a
// whole number of days from the Unix epoch, so the division is exact.
func daysBetween(a, b Date) int {
	return int((b.midnight(time.UTC).Unix() - a.midnight(time.UTC).Unix()) / 86400)
}
