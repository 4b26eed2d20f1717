package incident

import (
	"slices"
	"time"
)

const nanosPerDay = int64(24 * time.Hour)

// Calendar answers working-time questions (deadlines, working time elapsed)
// for one time zone, one set of working hours and one list of holidays and
// adjusted working days, over the dates of its Spec.
//
// A Calendar is immutable after NewCalendar and safe for concurrent use.
// Every query is allocation-free and runs in constant time, or in time
// logarithmic in the number of days for working-hour deadlines, because
// NewCalendar precomputes every working interval as absolute instants and
// the working time before each one.
//
// # Counting convention
//
// The rules follow the Civil Code of the People's Republic of China
// (2020), articles 200–203: a period in days does not count the day on
// which it starts and ends at 24:00 of its last day, or at the close of
// business where there are business hours; a period in hours starts at
// the moment given.
//
//   - Calendar minutes and hours: start + n minutes or hours, around the
//     clock.
//   - Calendar days: the start's local date is not counted; the deadline
//     is 24:00 of the n-th following date (that is, the midnight that
//     begins the date n+1 days after the start's date).
//   - Working hours: working time accrues from the start itself, only
//     inside working intervals of working days; the deadline is the
//     instant at which n hours have accrued. When that instant is the end
//     of an interval, the deadline is that end, not the start of the next
//     interval. A start outside working time accrues from the next
//     opening.
//   - Working days: the start's local date is not counted, whether or not
//     it is a working day and whatever the hour; the deadline is the end of
//     the last working interval of the n-th following working day.
//
// Deadlines are returned in the calendar's location.
type Calendar struct {
	spec Spec
	loc  *time.Location
	// dayStart[i] is local midnight of day i in Unix nanoseconds; the
	// extra last element is the end of the range.
	dayStart []int64
	// dayIv[i] is the index of the first working interval of day i.
	dayIv []int32
	// ivStart, ivEnd are the working intervals in Unix nanoseconds and
	// ivCum[k] the working nanoseconds before interval k.
	ivStart, ivEnd, ivCum []int64
	// workBefore[i] counts the working days among days [0, i); workDay
	// lists the index of each working day.
	workBefore []int32
	workDay    []int32
}

// NewCalendar validates and compiles spec.
func NewCalendar(spec Spec) (*Calendar, error) {
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
	off := map[Date]bool{}
	for _, h := range spec.Holidays {
		for d := h.From; d.Compare(h.To) <= 0; d = d.AddDays(1) {
			off[d] = true
		}
	}
	on := map[Date]bool{}
	for _, w := range spec.WorkingDays {
		on[w.Date] = true
	}
	n := daysBetween(spec.From, spec.To) + 1
	c := &Calendar{
		spec:       spec,
		loc:        loc,
		dayStart:   make([]int64, n+1),
		dayIv:      make([]int32, n+1),
		workBefore: make([]int32, n+1),
		ivCum:      []int64{0},
	}
	for i := 0; i <= n; i++ {
		d := spec.From.AddDays(i)
		c.dayStart[i] = d.midnight(loc).UnixNano()
		c.dayIv[i] = int32(len(c.ivStart))
		c.workBefore[i] = int32(len(c.workDay))
		if i == n || !(on[d] || (!rest[d.Weekday()] && !off[d])) {
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
			c.ivCum = append(c.ivCum, c.ivCum[len(c.ivCum)-1]+e-s)
		}
		if len(c.ivStart) > first {
			c.workDay = append(c.workDay, int32(i))
		}
	}
	return c, nil
}

func (c *Calendar) wallClock(d Date, k Clock) int64 {
	return time.Date(d.Year, d.Month, d.Day, int(k)/60, int(k)%60, 0, 0, c.loc).UnixNano()
}

// Spec returns the spec the calendar was compiled from; its slices are
// copies.
func (c *Calendar) Spec() Spec {
	s := c.spec
	s.WorkingHours = slices.Clone(s.WorkingHours)
	s.RestDays = slices.Clone(s.RestDays)
	s.Holidays = slices.Clone(s.Holidays)
	s.WorkingDays = slices.Clone(s.WorkingDays)
	return s
}

// Location returns the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// Contains reports whether t falls within the calendar's dates.
func (c *Calendar) Contains(t time.Time) bool {
	_, ok := c.day(t.UnixNano())
	return ok
}

// day returns the index of the day that holds instant ns.
func (c *Calendar) day(ns int64) (int, bool) {
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

// IsWorkingDay reports whether d is a working day; ok is false when d is
// outside the calendar.
func (c *Calendar) IsWorkingDay(d Date) (working, ok bool) {
	i, ok := c.day(d.midnight(c.loc).UnixNano())
	if !ok {
		return false, false
	}
	return c.workBefore[i+1] > c.workBefore[i], true
}

// accrued returns the working nanoseconds from the calendar's first
// instant to ns.
func (c *Calendar) accrued(ns int64) (int64, bool) {
	d, ok := c.day(ns)
	if !ok {
		return 0, false
	}
	k := int(c.dayIv[d])
	for end := int(c.dayIv[d+1]); k < end && c.ivEnd[k] <= ns; k++ {
	}
	w := c.ivCum[k]
	if k < len(c.ivStart) && ns > c.ivStart[k] {
		w += ns - c.ivStart[k]
	}
	return w, true
}

// WorkingTime returns the working time between from and to: positive when
// to is after from, negative when before. Both instants must lie within
// the calendar (ErrOutsideCalendar otherwise).
func (c *Calendar) WorkingTime(from, to time.Time) (time.Duration, error) {
	a, ok1 := c.accrued(from.UnixNano())
	b, ok2 := c.accrued(to.UnixNano())
	if !ok1 || !ok2 {
		return 0, ErrOutsideCalendar
	}
	return time.Duration(b - a), nil
}

// Deadline returns the instant at which limit expires for a matter that
// starts at start, by the counting convention in the type's doc. An
// invalid limit is ErrBadLimit; a working-time limit whose start or
// deadline falls outside the calendar is ErrOutsideCalendar. Calendar
// units never need the calendar's dates.
func (c *Calendar) Deadline(start time.Time, limit Limit) (time.Time, error) {
	if limit.Amount < 1 || limit.Amount > MaxLimitAmount {
		return time.Time{}, ErrBadLimit
	}
	n := int64(limit.Amount)
	switch limit.Unit {
	case CalendarMinutes:
		return start.Add(time.Duration(n) * time.Minute).In(c.loc), nil
	case CalendarHours:
		return start.Add(time.Duration(n) * time.Hour).In(c.loc), nil
	case CalendarDays:
		y, m, d := start.In(c.loc).Date()
		return time.Date(y, m, d+limit.Amount+1, 0, 0, 0, 0, c.loc), nil
	case WorkingHours:
		return c.afterWorking(start.UnixNano(), n*int64(time.Hour))
	case WorkingDays:
		return c.afterWorkingDays(start.UnixNano(), limit.Amount)
	}
	return time.Time{}, ErrBadLimit
}

func (c *Calendar) afterWorking(ns, dur int64) (time.Time, error) {
	w, ok := c.accrued(ns)
	if !ok {
		return time.Time{}, ErrOutsideCalendar
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
	if lo == len(c.ivStart) {
		return time.Time{}, ErrOutsideCalendar
	}
	return time.Unix(0, c.ivStart[lo]+target-c.ivCum[lo]).In(c.loc), nil
}

func (c *Calendar) afterWorkingDays(ns int64, n int) (time.Time, error) {
	d, ok := c.day(ns)
	if !ok {
		return time.Time{}, ErrOutsideCalendar
	}
	i := int(c.workBefore[d+1]) + n - 1
	if i >= len(c.workDay) {
		return time.Time{}, ErrOutsideCalendar
	}
	wd := c.workDay[i]
	return time.Unix(0, c.ivEnd[c.dayIv[wd+1]-1]).In(c.loc), nil
}
