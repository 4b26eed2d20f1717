package incident

import "errors"

// Calendar and limit errors.
var (
	// ErrBadDate reports text that is not a valid "YYYY-MM-DD" date.
	ErrBadDate = errors.New("incident: invalid date")
	// ErrBadClock reports text that is not a valid "HH:MM" time of day.
	ErrBadClock = errors.New("incident: invalid time of day")
	// ErrUnknownLimitUnit reports an unknown limit unit name.
	ErrUnknownLimitUnit = errors.New("incident: unknown limit unit")
	// ErrBadLimit reports a limit with an invalid unit or amount.
	ErrBadLimit = errors.New("incident: invalid time limit")
	// ErrOutsideCalendar reports an instant or a deadline beyond the dates
	// a Calendar covers.
	ErrOutsideCalendar = errors.New("incident: outside the calendar's dates")
	// ErrTrailingData reports data after the JSON value of a document.
	ErrTrailingData = errors.New("incident: trailing data after JSON value")
)
