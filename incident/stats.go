package incident

import (
	"cmp"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/workday"
)

// GroupBy chooses the key statistics are grouped by. The zero value is
// invalid.
type GroupBy uint8

// The groupings.
const (
	ByGrid GroupBy = iota + 1
	ByPlatform
	ByCategory
	ByUnit
)

var groupByNames = enum.New[GroupBy]("incident.GroupBy", "grid", "platform", "category", "unit")

// IsValid reports whether g is one of the GroupBy values.
func (g GroupBy) IsValid() bool { return groupByNames.Valid(g) }

// String returns the wire name of g, or "GroupBy(N)" for an invalid value.
func (g GroupBy) String() string { return groupByNames.String(g) }

// AppendText appends the wire name of g to b; an invalid value is an error.
func (g GroupBy) AppendText(b []byte) ([]byte, error) { return groupByNames.Append(b, g) }

// MarshalText returns the wire name of g; an invalid value is an error.
func (g GroupBy) MarshalText() ([]byte, error) { return groupByNames.Marshal(g) }

// UnmarshalText sets *g to the value named by b; on error *g is unchanged.
func (g *GroupBy) UnmarshalText(b []byte) error { return groupByNames.Unmarshal(g, b) }

// ParseGroupBy returns the GroupBy named s; an unknown name is a *grassroots.UnknownNameError.
func ParseGroupBy(s string) (GroupBy, error) { return groupByNames.Parse(s) }

// RatioScale is the number of decimal places of every Ratio.Value.
const RatioScale = 4

// Ratio is a share Num/Den. Value is rounded to RatioScale places, half away
// from zero (decimal.DivRound). A zero denominator gives Value 0 and OK
// false, never NaN.
type Ratio struct {
	Num   int             `json:"num"`
	Den   int             `json:"den"`
	Value decimal.Decimal `json:"value"`
	OK    bool            `json:"ok"`
}

func newRatio(num, den int) Ratio {
	if den == 0 {
		return Ratio{Value: decimal.Zero}
	}
	v := decimal.NewFromInt(int64(num)).DivRound(decimal.NewFromInt(int64(den)), RatioScale)
	return Ratio{Num: num, Den: den, Value: v, OK: true}
}

// Quantiles are the median and 90th percentile of a set of durations, by
// the nearest-rank method: the value at rank ⌈p·n⌉ of the sorted set, so
// each is an observed duration and the median of an even set is the lower
// middle. OK is false (and the durations zero) for an empty set.
type Quantiles struct {
	Median time.Duration `json:"median"`
	P90    time.Duration `json:"p90"`
	OK     bool          `json:"ok"`
}

func quantiles(ds []time.Duration) Quantiles {
	if len(ds) == 0 {
		return Quantiles{}
	}
	slices.Sort(ds)
	rank := func(pct int) time.Duration { return ds[(pct*len(ds)+99)/100-1] }
	return Quantiles{Median: rank(50), P90: rank(90), OK: true}
}

// Stats are the figures of one group. The cohort is the incidents
// received (reported) within the period; each rate says its denominator:
//
//   - ClosureRate: closed now / received.
//   - OnTimeRate: closed at or before the handling deadline / closed now.
//   - ReturnRate: returned at least once / received.
//   - RedoRate, ReopenRate: redone (reopened) at least once / ever closed.
//   - SatisfactionRate: latest rating in the top three grades / rated.
//   - RectificationRate: first rating dissatisfied or very dissatisfied and
//     a later rating in the top three / first rating dissatisfied or very
//     dissatisfied.
//
// ToClose and WorkingToClose are the wall and working time from report to
// the latest closure of the incidents closed now. Provisional counts the
// incidents received whose acceptance or handling term rests on a
// provisional day of the calendar (Term.Provisional): deadlines that may
// move once the holiday notice for their year is published.
type Stats struct {
	Key               string    `json:"key"`
	Received          int       `json:"received"`
	Closed            int       `json:"closed"`
	ClosureRate       Ratio     `json:"closure_rate"`
	OnTimeRate        Ratio     `json:"on_time_rate"`
	ReturnRate        Ratio     `json:"return_rate"`
	RedoRate          Ratio     `json:"redo_rate"`
	ReopenRate        Ratio     `json:"reopen_rate"`
	SatisfactionRate  Ratio     `json:"satisfaction_rate"`
	RectificationRate Ratio     `json:"rectification_rate"`
	ToClose           Quantiles `json:"to_close"`
	WorkingToClose    Quantiles `json:"working_to_close"`
	Provisional       int       `json:"provisional"`
}

// The Keys of Summary.Total and of Summary.Unkeyed.
const (
	// KeyTotal is the Key of Summary.Total.
	KeyTotal = "total"
	// KeyUnrouted is the Key of Summary.Unkeyed grouped by platform or
	// unit: the matters that have none (yet): awaiting acceptance or
	// dispatch, rejected before they reached a platform, or returned and
	// awaiting dispatch again (by unit).
	KeyUnrouted = "unrouted"
	// KeyUngridded is the Key of Summary.Unkeyed grouped by grid: the
	// matters without a grid code, such as those reported with an address
	// only and not yet located.
	KeyUngridded = "ungridded"
	// KeyUncategorised is the Key of Summary.Unkeyed grouped by category;
	// Decide gives every matter a category, so that group stays empty for
	// incidents it built.
	KeyUncategorised = "uncategorised"
)

// Summary is the statistics of a district's incidents, grouped one way.
// Every incident received in the period is counted exactly once in
// either a group or Unkeyed, so the counts of Groups and Unkeyed add up
// to Total's (Received, Closed, the numerators and denominators of the
// ratios, Provisional); rates and quantiles are computed per group and
// do not add up. A nil *Summary has no groups.
type Summary struct {
	By GroupBy `json:"by"`
	// Total is every incident received in the period; its Key is
	// KeyTotal.
	Total Stats `json:"total"`
	// Groups holds one Stats per key (grid code, platform wire name,
	// category code or unit ID) with at least one incident, sorted by
	// key.
	Groups []Stats `json:"groups"`
	// Unkeyed holds the incidents that have no key for By, under the key
	// KeyUnrouted (ByPlatform, ByUnit), KeyUngridded (ByGrid) or
	// KeyUncategorised (ByCategory); Received is 0 when there are none.
	Unkeyed Stats `json:"unkeyed"`
}

// Group returns the Stats of key, or false when no incident has it.
func (s *Summary) Group(key string) (Stats, bool) {
	if s == nil {
		return Stats{}, false
	}
	i, ok := slices.BinarySearchFunc(s.Groups, key, func(g Stats, k string) int { return cmp.Compare(g.Key, k) })
	if !ok {
		return Stats{}, false
	}
	return s.Groups[i], true
}

type tally struct {
	received, closed, onTime, returned, everClosed, redone, reopened int
	rated, satisfied, negative, rectified, provisional               int
	wall, working                                                    []time.Duration
}

// Statistics computes the Summary of the incidents reported within
// period, grouped by by: the district-wide Total, one Stats per key
// (the grid code, the platform's wire name, the category code or the unit
// ID) and the group of those without a key. Working times come from cal,
// which must cover every report and close time (an error matching
// workday.ErrOutsideCalendar otherwise). Incidents without a point count
// like any other; grouped by grid, those without a grid code are
// Unkeyed. The result does not depend on the order of incidents. A Tally
// computes the same Summary from incidents given one at a time.
func Statistics(incidents []Incident, period grassroots.Period, by GroupBy, cal *workday.Calendar) (Summary, error) {
	t, err := NewTally(period, by, cal)
	if err != nil {
		return Summary{}, err
	}
	for i := range incidents {
		if err := t.Add(&incidents[i]); err != nil {
			return Summary{}, err
		}
	}
	return t.Summary(), nil
}

func unkeyedKey(by GroupBy) string {
	switch by {
	case ByGrid:
		return KeyUngridded
	case ByCategory:
		return KeyUncategorised
	}
	return KeyUnrouted
}

// groupKey returns in's key for by, or "" when it has none.
func groupKey(in *Incident, by GroupBy) string {
	switch by {
	case ByGrid:
		return string(in.Grid)
	case ByPlatform:
		if in.Platform.IsValid() {
			return in.Platform.String()
		}
		return ""
	case ByCategory:
		return in.Category
	}
	return in.Unit
}

func satisfied(g Grade) bool { return g == VerySatisfied || g == Satisfied || g == Neutral }
func negative(g Grade) bool  { return g == Dissatisfied || g == VeryDissatisfied }

// add counts in, whose working time from report to closure is working
// when it is closed.
func (t *tally) add(in *Incident, working time.Duration) {
	t.received++
	if in.AcceptTerm.Provisional || in.HandleTerm.Provisional {
		t.provisional++
	}
	if in.Returns > 0 {
		t.returned++
	}
	if !in.ClosedAt.IsZero() {
		t.everClosed++
		if in.Redos > 0 {
			t.redone++
		}
		if in.Reopens > 0 {
			t.reopened++
		}
	}
	if in.Status == StatusClosed {
		t.closed++
		if !in.HandleTerm.IsZero() && !in.ClosedAt.After(in.HandleTerm.End) {
			t.onTime++
		}
		t.wall = append(t.wall, in.ClosedAt.Sub(in.ReportedAt))
		t.working = append(t.working, working)
	}
	if in.Grade != 0 {
		t.rated++
		if satisfied(in.Grade) {
			t.satisfied++
		}
	}
	if negative(in.FirstGrade) {
		t.negative++
		if satisfied(in.Grade) {
			t.rectified++
		}
	}
}

func (t *tally) stats(key string) Stats {
	return Stats{
		Key:               key,
		Received:          t.received,
		Closed:            t.closed,
		ClosureRate:       newRatio(t.closed, t.received),
		OnTimeRate:        newRatio(t.onTime, t.closed),
		ReturnRate:        newRatio(t.returned, t.received),
		RedoRate:          newRatio(t.redone, t.everClosed),
		ReopenRate:        newRatio(t.reopened, t.everClosed),
		SatisfactionRate:  newRatio(t.satisfied, t.rated),
		RectificationRate: newRatio(t.rectified, t.negative),
		ToClose:           quantiles(t.wall),
		WorkingToClose:    quantiles(t.working),
		Provisional:       t.provisional,
	}
}
