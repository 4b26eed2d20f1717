package grassroots

import "time"

// Period is the half-open interval [Start, End): it contains Start and
// every instant before End, but not End itself. Two periods that touch
// (one's End equals the other's Start) therefore do not overlap, and a
// sequence of monthly periods covers every instant exactly once.
//
// A zero End means the period has no end yet (it runs indefinitely). A zero
// Start is invalid. Start equal to End is a valid, empty period that
// contains nothing.
//
// Periods are values; compare them with Equal, not ==, because ==
// compares time zones as well as instants.
type Period struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end,omitzero"`
}

// IsOpen reports whether p has no end.
func (p Period) IsOpen() bool { return p.End.IsZero() }

// Contains reports whether t lies in [Start, End).
func (p Period) Contains(t time.Time) bool {
	if t.Before(p.Start) {
		return false
	}
	return p.End.IsZero() || t.Before(p.End)
}

// Overlaps reports whether p and q share at least one instant. Touching
// periods do not overlap; an empty period overlaps nothing.
func (p Period) Overlaps(q Period) bool {
	if p.isEmpty() || q.isEmpty() {
		return false
	}
	pStartsBeforeQEnds := q.End.IsZero() || p.Start.Before(q.End)
	qStartsBeforePEnds := p.End.IsZero() || q.Start.Before(p.End)
	return pStartsBeforeQEnds && qStartsBeforePEnds
}

func (p Period) isEmpty() bool { return !p.End.IsZero() && !p.End.After(p.Start) }

// Duration returns End − Start, or 0 for an open period.
func (p Period) Duration() time.Duration {
	if p.End.IsZero() {
		return 0
	}
	return p.End.Sub(p.Start)
}

// Equal reports whether p and q denote the same instants.
func (p Period) Equal(q Period) bool { return p.Start.Equal(q.Start) && p.End.Equal(q.End) }

// Validate reports a zero Start and an End before Start.
func (p Period) Validate() error {
	var fs []FieldError
	if p.Start.IsZero() {
		fs = append(fs, FieldError{Path: "start", Rule: RuleRequired, Message: "period start is required"})
	}
	if !p.End.IsZero() && p.End.Before(p.Start) {
		fs = append(fs, FieldError{Path: "end", Rule: RuleOrder, Message: "period end must not be before its start"})
	}
	return NewValidationError(fs...)
}
