package incident

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/workday"
)

// Tally folds incidents into the Summary that Statistics computes, one
// incident at a time, so a district's year can be counted as its
// matters settle instead of from every state held at once. It keeps
// counts per group and, for the quantiles, two durations per closed
// incident; it keeps no reference to the incidents it is given.
//
// Add each incident once, in its final state for the figures (an
// incident added while still open counts as open). The order of Adds
// does not change the Summary. A Tally is not safe for concurrent use;
// its zero value is not usable: build one with NewTally. A nil *Tally
// has counted nothing: Summary returns the zero Summary, and Add an error
// matching ErrBadOptions.
type Tally struct {
	period  grassroots.Period
	by      GroupBy
	cal     *workday.Calendar
	total   tally
	unkeyed tally
	groups  map[string]*tally
}

// NewTally returns an empty Tally of the incidents reported within
// period, grouped by by, with working times from cal. Its arguments are
// checked as Statistics checks them: an invalid by or a nil calendar is
// an error matching ErrBadOptions, an invalid period a
// *grassroots.ValidationError.
func NewTally(period grassroots.Period, by GroupBy, cal *workday.Calendar) (*Tally, error) {
	if !by.IsValid() {
		return nil, fmt.Errorf("%w: group by: %s", ErrBadOptions, groupByNames.Problem(by))
	}
	if cal == nil {
		return nil, fmt.Errorf("%w: a calendar is required", ErrBadOptions)
	}
	if err := period.Validate(); err != nil {
		return nil, err
	}
	return &Tally{period: period, by: by, cal: cal, groups: map[string]*tally{}}, nil
}

// Add counts in when it was reported within the tally's period and
// ignores it otherwise (as it ignores the zero Incident and nil). A closed
// incident whose report or close time cal does not cover is an error
// matching workday.ErrOutsideCalendar, and the tally is left unchanged.
func (t *Tally) Add(in *Incident) error {
	if t == nil {
		return fmt.Errorf("%w: the tally is nil; build one with NewTally", ErrBadOptions)
	}
	if in == nil || in.Status == 0 || !t.period.Contains(in.ReportedAt) {
		return nil
	}
	var working time.Duration
	if in.Status == StatusClosed {
		w, err := t.cal.WorkingTime(in.ReportedAt, in.ClosedAt)
		if err != nil {
			return fmt.Errorf("incident: statistics of %q: %w", in.ID, err)
		}
		working = w
	}
	g := &t.unkeyed
	if k := groupKey(in, t.by); k != "" {
		if g = t.groups[k]; g == nil {
			g = &tally{}
			t.groups[k] = g
		}
	}
	g.add(in, working)
	t.total.add(in, working)
	return nil
}

// Summary returns the figures of the incidents added so far, as
// Statistics would compute them over those incidents. Adds may continue
// after it.
func (t *Tally) Summary() Summary {
	if t == nil {
		return Summary{}
	}
	out := Summary{By: t.by, Total: t.total.stats(KeyTotal), Groups: make([]Stats, 0, len(t.groups)), Unkeyed: t.unkeyed.stats(unkeyedKey(t.by))}
	for k, g := range t.groups {
		out.Groups = append(out.Groups, g.stats(k))
	}
	slices.SortFunc(out.Groups, func(a, b Stats) int { return cmp.Compare(a.Key, b.Key) })
	return out
}
