package workday

import (
	"errors"
	"fmt"
)

// Sentinels. Each typed error below matches one of them with errors.Is.
var (
	// ErrBadDate reports text that is not a valid "YYYY-MM-DD" date.
	ErrBadDate = errors.New("workday: invalid date; want YYYY-MM-DD, a day that exists")
	// ErrBadClock reports text that is not a valid "HH:MM" time of day.
	ErrBadClock = errors.New("workday: invalid time of day; want HH:MM from 00:00 to 24:00")
	// ErrBadLimit reports a limit with an invalid unit or amount.
	ErrBadLimit = errors.New("workday: invalid time limit")
	// ErrNeedsCalendar reports a working-time limit counted without a
	// Calendar (Limit.After), or a query of a Calendar that NewCalendar
	// did not build.
	ErrNeedsCalendar = errors.New("workday: a working-time limit needs a calendar")
	// ErrOutsideCalendar is matched by every *RangeError: an instant or a
	// deadline beyond the dates a Calendar covers.
	ErrOutsideCalendar = errors.New("workday: outside the calendar's dates")
	// ErrProvisional is matched by every *ProvisionalError: an answer that
	// rests on a provisional day, from a Calendar built to refuse them.
	ErrProvisional = errors.New("workday: rests on a provisional day")
	// ErrNoArrangement is matched by every *NoArrangementError: a year
	// that neither a notice nor the provisional rule covers.
	ErrNoArrangement = errors.New("workday: no holiday arrangement for the year")
	// ErrTrailingData reports data after the JSON value of a document.
	ErrTrailingData = errors.New("workday: trailing data after JSON value")
)

// errUnbuilt is what the queries of a Calendar that NewCalendar did not
// build return.
var errUnbuilt = fmt.Errorf("%w: this Calendar covers no dates (the zero Calendar, or nil); build one with NewCalendar", ErrNeedsCalendar)

// RangeError reports that an answer needs a date the Calendar does not
// cover. From and To are the calendar's first and last dates; Date is the
// first date needed that lies outside them (for a deadline that runs past
// the end, the day after To). A nil *RangeError still matches
// ErrOutsideCalendar; its Error says it is nil.
type RangeError struct {
	Date     Date
	From, To Date
}

// Error names the date, the covered range and how to extend it.
func (e *RangeError) Error() string {
	if e == nil {
		return "workday: outside the calendar's dates (a nil *RangeError)"
	}
	return fmt.Sprintf("workday: %s is outside the calendar's dates %s to %s; "+
		"build the calendar from a spec whose from/to include it "+
		"(ChinaSpec covers %d to %d, and later years once their notices are passed to it)",
		e.Date, e.From, e.To, FirstNoticeYear, LastRuleYear)
}

// Is reports whether target is ErrOutsideCalendar.
func (e *RangeError) Is(target error) bool { return target == ErrOutsideCalendar }

// ProvisionalError reports that an answer rests on Date, a provisional day
// (one whose holidays no published notice fixes), and the Calendar was
// built with Options.RefuseProvisional. A nil *ProvisionalError still
// matches ErrProvisional; its Error says it is nil.
type ProvisionalError struct {
	Date Date
}

// Error names the day and the ways out.
func (e *ProvisionalError) Error() string {
	if e == nil {
		return "workday: rests on a provisional day (a nil *ProvisionalError)"
	}
	return fmt.Sprintf("workday: %s is a provisional day (no published holiday notice covers it) and the calendar refuses provisional days; "+
		"pass the notice for %d to ChinaSpec, or build the calendar without RefuseProvisional", e.Date, e.Date.Year)
}

// Is reports whether target is ErrProvisional.
func (e *ProvisionalError) Is(target error) bool { return target == ErrProvisional }

// NoArrangementError reports a year that ChinaSpec cannot cover: no
// notice for it was given or embedded, and it lies outside the years the
// provisional rule serves (FirstRuleYear to LastRuleYear). A nil
// *NoArrangementError still matches ErrNoArrangement; its Error says it
// is nil.
type NoArrangementError struct {
	Year int
}

// Error names the year and what would cover it.
func (e *NoArrangementError) Error() string {
	if e == nil {
		return "workday: no holiday arrangement for the year (a nil *NoArrangementError)"
	}
	return fmt.Sprintf("workday: no holiday arrangement for %d: pass its State Council notice to ChinaSpec "+
		"(the provisional rule serves %d to %d only)", e.Year, FirstRuleYear, LastRuleYear)
}

// Is reports whether target is ErrNoArrangement.
func (e *NoArrangementError) Is(target error) bool { return target == ErrNoArrangement }
