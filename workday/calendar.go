package workday

import (
	"fmt"
	"slices"
	"time"
)

const nanosPerDay = int64(24 * time.Hour)

// Calendar answers working-time questions (deadlines, working time
// elapsed) for one time zone, one set of working hours and one list of
// holidays and adjusted working days, over the dates of its Spec. The
// counting rules are in the package doc.
//
// A Calendar is immutable after NewCalendar and safe for concurrent use.
// The zero Calendar, and a nil *Calendar, cover no dates: Contains,
// IsWorkingDay and IsProvisional report false, Location is UTC, Spec is
// the zero Spec, and WorkingTime, Deadline and AddWorkingTime return an
// error matching ErrNeedsCalendar (build one with NewCalendar). Every
// query is allocation-free unless it fails, and runs in constant time, or
// in time logarithmic in the number of days for working-hour deadlines,
// because NewCalendar precomputes every working interval as absolute
// instants and the working time before each one. Deadlines are returned
// in the calendar's location.
type Calendar struct {
	spec   Spec
	loc    *time.Location
	refuse bool
	// dayStart[i] is local midnight of day i in Unix nanoseconds; the
	// extra last element is the end of the range.
	dayStart []int64
	// dayIv[i] is the index of the first working interval of day i.
	dayIv []int32
	// ivStart, ivEnd are the working intervals in Unix nanoseconds,
	// ivCum[k] the working nanoseconds before interval k and ivDay[k] the
	// day that holds it.
	ivStart, ivEnd, ivCum []int64
	ivDay                 []int32
	// workBefore[i] counts the working days among days [0, i); workDay
	// lists the index of each working day.
	workBefore []int32
	workDay    []int32
	// provBefore[i] counts the provisional days among days [0, i).
	provBefore []int32
}

// CalendarOptions configures NewCalendar. The zero value accepts
// provisional days and flags the answers that rest on them.
type CalendarOptions struct {
	// RefuseProvisional makes every answer that rests on a provisional
	// day a *ProvisionalError (matching ErrProvisional) instead of a
	// result flagged Provisional; IsWorkingDay reports such days as not
	// covered.
	RefuseProvisional bool
}

// Deadline is the instant a time limit expires, and whether that instant
// rests on a provisional day: a day from the start's date to the
// deadline's date whose holidays no published notice fixes (see the
// package doc). A provisional deadline may move when the notice for its
// year is published and loaded; an ordinary one will not.
type Deadline struct {
	At          time.Time `json:"at"`
	Provisional bool      `json:"provisional,omitempty"`
}

// NewCalendar validates and compiles spec. An invalid spec is a
// *grassroots.ValidationError naming every problem.
func NewCalendar(spec Spec, opts CalendarOptions) (*Calendar, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	loc, _ := spec.location()
	hours := spec.WorkingHours
	if hours == nil {
		hours = DefaultWorkingHours()
	}
	var rest [7]bool
	if spec.RestDays == nil {
		rest[time.Saturday], rest[time.Sunday] = true, true
	}
	for _, name := range spec.RestDays {
		wd, _ := parseWeekday(name)
		rest[wd] = true
	}
	n := daysBetween(spec.From, spec.To) + 1
	off := make([]bool, n)
	markSpans(off, spec.From, spec.Holidays)
	prov := make([]bool, n)
	markSpans(prov, spec.From, spec.Provisional)
	on := make([]bool, n)
	for _, w := range spec.WorkingDays {
		if i := daysBetween(spec.From, w.Date); i >= 0 && i < n {
			on[i] = true
		}
	}
	c := &Calendar{
		spec:       spec,
		loc:        loc,
		refuse:     opts.RefuseProvisional,
		dayStart:   make([]int64, n+1),
		dayIv:      make([]int32, n+1),
		workBefore: make([]int32, n+1),
		provBefore: make([]int32, n+1),
		ivCum:      []int64{0},
	}
	d := spec.From
	for i := 0; i <= n; i, d = i+1, d.AddDays(1) {
		c.dayStart[i] = d.midnight(loc).UnixNano()
		c.dayIv[i] = int32(len(c.ivStart))
		c.workBefore[i] = int32(len(c.workDay))
		if i == n {
			break
		}
		c.provBefore[i+1] = c.provBefore[i]
		if prov[i] {
			c.provBefore[i+1]++
		}
		if !on[i] && (rest[d.Weekday()] || off[i]) {
			continue
		}
		first := len(c.ivStart)
		for _, iv := range hours {
			s, e := c.wallClock(d, iv.Start), c.wallClock(d, iv.End)
			if e <= s {
				continue // a daylight-saving jump swallowed the interval
			}
			c.ivStart = append(c.ivStart, s)
			c.ivEnd = append(c.ivEnd, e)
			c.ivDay = append(c.ivDay, int32(i))
			c.ivCum = append(c.ivCum, c.ivCum[len(c.ivCum)-1]+e-s)
		}
		if len(c.ivStart) > first {
			c.workDay = append(c.workDay, int32(i))
		}
	}
	return c, nil
}

// markSpans sets marks[i] for every day i (counted from from) that lies in
// one of spans.
func markSpans(marks []bool, from Date, spans []Span) {
	for _, sp := range spans {
		lo := max(daysBetween(from, sp.From), 0)
		hi := min(daysBetween(from, sp.To), len(marks)-1)
		for i := lo; i <= hi; i++ {
			marks[i] = true
		}
	}
}

func (c *Calendar) wallClock(d Date, k Clock) int64 {
	return time.Date(d.Year, d.Month, d.Day, int(k)/60, int(k)%60, 0, 0, c.loc).UnixNano()
}

// Spec returns the spec the calendar was compiled from; its slices are
// copies.
func (c *Calendar) Spec() Spec {
	if !c.built() {
		return Spec{}
	}
	s := c.spec
	s.WorkingHours = slices.Clone(s.WorkingHours)
	s.RestDays = slices.Clone(s.RestDays)
	s.Holidays = slices.Clone(s.Holidays)
	s.WorkingDays = slices.Clone(s.WorkingDays)
	s.Provisional = slices.Clone(s.Provisional)
	return s
}

// Location returns the calendar's time zone (UTC for a calendar not built
// by NewCalendar).
func (c *Calendar) Location() *time.Location {
	if !c.built() {
		return time.UTC
	}
	return c.loc
}

// built reports whether c was built by NewCalendar; the zero Calendar and
// a nil *Calendar were not.
func (c *Calendar) built() bool { return c != nil && len(c.dayStart) > 0 }

// Contains reports whether t falls within the calendar's dates.
func (c *Calendar) Contains(t time.Time) bool {
	_, ok := c.day(t.UnixNano())
	return ok
}

// day returns the index of the day that holds instant ns.
func (c *Calendar) day(ns int64) (int, bool) {
	if !c.built() {
		return 0, false
	}
	last := len(c.dayStart) - 1
	if ns < c.dayStart[0] || ns >= c.dayStart[last] {
		return 0, false
	}
	i := int((ns - c.dayStart[0]) / nanosPerDay)
	i = min(i, last-1)
	for i > 0 && c.dayStart[i] > ns {
		i--
	}
	for i < last-1 && c.dayStart[i+1] <= ns {
		i++
	}
	return i, true
}

// dateIndex returns the index of date d.
func (c *Calendar) dateIndex(d Date) (int, bool) {
	if !c.built() || !d.IsValid() {
		return 0, false
	}
	i := daysBetween(c.spec.From, d)
	return i, i >= 0 && i < len(c.dayStart)-1
}

// IsWorkingDay reports whether d is a working day; ok is false when d is
// outside the calendar, or provisional in a calendar that refuses
// provisional days.
func (c *Calendar) IsWorkingDay(d Date) (working, ok bool) {
	i, ok := c.dateIndex(d)
	if !ok || (c.refuse && c.provisional(i, i)) {
		return false, false
	}
	return c.workBefore[i+1] > c.workBefore[i], true
}

// IsProvisional reports whether d is a provisional day, one whose
// holidays rest on a rule rather than a published notice; ok is false
// when d is outside the calendar.
func (c *Calendar) IsProvisional(d Date) (provisional, ok bool) {
	i, ok := c.dateIndex(d)
	if !ok {
		return false, false
	}
	return c.provisional(i, i), true
}

// provisional reports whether a day among days lo..hi is provisional.
func (c *Calendar) provisional(lo, hi int) bool {
	return lo <= hi && c.provBefore[hi+1] > c.provBefore[lo]
}

// provisionalError returns the *ProvisionalError for the first
// provisional day among days lo..hi.
func (c *Calendar) provisionalError(lo, hi int) error {
	for i := lo; i < hi && c.provBefore[i+1] == c.provBefore[i]; i++ {
		lo = i + 1
	}
	return &ProvisionalError{Date: c.spec.From.AddDays(lo)}
}

// rangeError reports that instant ns lies outside the calendar.
func (c *Calendar) rangeError(ns int64) error {
	return &RangeError{Date: DateOf(time.Unix(0, ns).In(c.loc)), From: c.spec.From, To: c.spec.To}
}

// pastEnd reports a deadline that runs past the calendar's last date.
func (c *Calendar) pastEnd() error {
	return &RangeError{Date: c.spec.To.AddDays(1), From: c.spec.From, To: c.spec.To}
}

// accrued returns the working nanoseconds from the calendar's first
// instant to ns, and the day that holds ns.
func (c *Calendar) accrued(ns int64) (w int64, day int, ok bool) {
	d, ok := c.day(ns)
	if !ok {
		return 0, 0, false
	}
	k := int(c.dayIv[d])
	for end := int(c.dayIv[d+1]); k < end && c.ivEnd[k] <= ns; k++ {
	}
	w = c.ivCum[k]
	if k < len(c.ivStart) && ns > c.ivStart[k] {
		w += ns - c.ivStart[k]
	}
	return w, d, true
}

// WorkingTime returns the working time between from and to: positive when
// to is after from, negative when before. Both instants must lie within
// the calendar (a *RangeError otherwise); a calendar that refuses
// provisional days refuses a span that holds one (*ProvisionalError).
func (c *Calendar) WorkingTime(from, to time.Time) (time.Duration, error) {
	if !c.built() {
		return 0, errUnbuilt
	}
	a, da, ok := c.accrued(from.UnixNano())
	if !ok {
		return 0, c.rangeError(from.UnixNano())
	}
	b, db, ok := c.accrued(to.UnixNano())
	if !ok {
		return 0, c.rangeError(to.UnixNano())
	}
	lo, hi := min(da, db), max(da, db)
	if c.refuse && c.provisional(lo, hi) {
		return 0, c.provisionalError(lo, hi)
	}
	return time.Duration(b - a), nil
}

// Deadline returns the instant at which limit expires for a matter that
// starts at start, by the counting rules of the package doc, and whether
// it rests on a provisional day. An invalid limit is an error matching
// ErrBadLimit; a working-time limit whose start or deadline falls outside
// the calendar is a *RangeError. Calendar units never consult the days'
// status, so they need no dates of the calendar and are never
// provisional.
func (c *Calendar) Deadline(start time.Time, limit Limit) (Deadline, error) {
	if err := limit.Validate(); err != nil {
		return Deadline{}, err
	}
	if !c.built() {
		return Deadline{}, errUnbuilt
	}
	switch limit.Unit {
	case WorkingHours:
		return c.addWorking(start.UnixNano(), int64(limit.Amount)*int64(time.Hour))
	case WorkingDays:
		return c.afterWorkingDays(start.UnixNano(), limit.Amount)
	}
	at, err := limit.After(start.In(c.loc))
	return Deadline{At: at}, err
}

// AddWorkingTime returns the instant at which working time d has accrued
// from start, counted like a working-hour limit: the deadline of a limit
// of d that need not be whole hours (a share of a working term, say). A
// zero d gives start itself; a negative d is an error matching
// ErrBadLimit.
func (c *Calendar) AddWorkingTime(start time.Time, d time.Duration) (Deadline, error) {
	if d < 0 {
		return Deadline{}, fmt.Errorf("%w: working time %s is negative", ErrBadLimit, d)
	}
	if !c.built() {
		return Deadline{}, errUnbuilt
	}
	return c.addWorking(start.UnixNano(), int64(d))
}

func (c *Calendar) addWorking(ns, dur int64) (Deadline, error) {
	w, d0, ok := c.accrued(ns)
	if !ok {
		return Deadline{}, c.rangeError(ns)
	}
	if dur == 0 {
		return c.flag(time.Unix(0, ns).In(c.loc), d0, d0)
	}
	if dur > c.ivCum[len(c.ivCum)-1]-w {
		return Deadline{}, c.pastEnd()
	}
	target := w + dur
	// Find the first interval k with ivCum[k+1] >= target.
	lo, hi := 0, len(c.ivStart)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if c.ivCum[mid+1] < target {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return c.flag(time.Unix(0, c.ivStart[lo]+target-c.ivCum[lo]).In(c.loc), d0, int(c.ivDay[lo]))
}

func (c *Calendar) afterWorkingDays(ns int64, n int) (Deadline, error) {
	d0, ok := c.day(ns)
	if !ok {
		return Deadline{}, c.rangeError(ns)
	}
	i := int(c.workBefore[d0+1]) + n - 1
	if i >= len(c.workDay) {
		return Deadline{}, c.pastEnd()
	}
	wd := int(c.workDay[i])
	// The start's own day is never counted, so its status is not consulted.
	return c.flag(time.Unix(0, c.ivEnd[c.dayIv[wd+1]-1]).In(c.loc), d0+1, wd)
}

// flag returns the deadline at, resting on days lo..hi.
func (c *Calendar) flag(at time.Time, lo, hi int) (Deadline, error) {
	if !c.provisional(lo, hi) {
		return Deadline{At: at}, nil
	}
	if c.refuse {
		return Deadline{}, c.provisionalError(lo, hi)
	}
	return Deadline{At: at, Provisional: true}, nil
}
