package incident

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/workday"
)

// randomStates plays n random histories through the decider and returns
// their final states.
func randomStates(t *testing.T, r *rand.Rand, d *Decider, n int) []Incident {
	t.Helper()
	out := make([]Incident, 0, n)
	for run := range n {
		id := fmt.Sprintf("inc-%d", run)
		var s Incident
		var events []Event
		for k := range r.IntN(25) {
			cmd, ok := validCommand(r, s, id, fmt.Sprintf("c-%d", k))
			if !ok {
				break
			}
			s = apply(t, d, s, cmd, &events)
		}
		out = append(out, s)
	}
	return out
}

// referenceSummary computes the figures Stats documents straight from
// their definitions, group by group, as a check on Tally and Statistics.
func referenceSummary(t *testing.T, states []Incident, period grassroots.Period, by GroupBy, cal *workday.Calendar) Summary {
	t.Helper()
	groups := map[string][]*Incident{}
	var all, unkeyed []*Incident
	for i := range states {
		in := &states[i]
		if in.Status == 0 || in.ReportedAt.Before(period.Start) || !in.ReportedAt.Before(period.End) {
			continue
		}
		all = append(all, in)
		if k := groupKey(in, by); k != "" {
			groups[k] = append(groups[k], in)
		} else {
			unkeyed = append(unkeyed, in)
		}
	}
	out := Summary{By: by, Total: referenceStats(t, KeyTotal, all, cal), Groups: []Stats{}, Unkeyed: referenceStats(t, unkeyedKey(by), unkeyed, cal)}
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		out.Groups = append(out.Groups, referenceStats(t, k, groups[k], cal))
	}
	return out
}

func referenceStats(t *testing.T, key string, ins []*Incident, cal *workday.Calendar) Stats {
	t.Helper()
	count := func(f func(*Incident) bool) int {
		n := 0
		for _, in := range ins {
			if f(in) {
				n++
			}
		}
		return n
	}
	closed := func(in *Incident) bool { return in.Status == StatusClosed }
	ever := func(in *Incident) bool { return !in.ClosedAt.IsZero() }
	good := func(g Grade) bool { return g >= VerySatisfied && g <= Neutral }
	bad := func(g Grade) bool { return g == Dissatisfied || g == VeryDissatisfied }
	var wall, working []time.Duration
	for _, in := range ins {
		if closed(in) {
			wall = append(wall, in.ClosedAt.Sub(in.ReportedAt))
			w, err := cal.WorkingTime(in.ReportedAt, in.ClosedAt)
			require.NoError(t, err, "working time of %s", in.ID)
			working = append(working, w)
		}
	}
	nClosed, nEver, nRated, nNeg := count(closed), count(ever), count(func(in *Incident) bool { return in.Grade != 0 }), count(func(in *Incident) bool { return bad(in.FirstGrade) })
	return Stats{
		Key:         key,
		Received:    len(ins),
		Closed:      nClosed,
		ClosureRate: newRatio(nClosed, len(ins)),
		OnTimeRate: newRatio(count(func(in *Incident) bool {
			return closed(in) && !in.HandleTerm.IsZero() && !in.ClosedAt.After(in.HandleTerm.End)
		}), nClosed),
		ReturnRate:        newRatio(count(func(in *Incident) bool { return in.Returns > 0 }), len(ins)),
		RedoRate:          newRatio(count(func(in *Incident) bool { return ever(in) && in.Redos > 0 }), nEver),
		ReopenRate:        newRatio(count(func(in *Incident) bool { return ever(in) && in.Reopens > 0 }), nEver),
		SatisfactionRate:  newRatio(count(func(in *Incident) bool { return in.Grade != 0 && good(in.Grade) }), nRated),
		RectificationRate: newRatio(count(func(in *Incident) bool { return bad(in.FirstGrade) && good(in.Grade) }), nNeg),
		ToClose:           quantiles(wall),
		WorkingToClose:    quantiles(working),
		Provisional:       count(func(in *Incident) bool { return in.AcceptTerm.Provisional || in.HandleTerm.Provisional }),
	}
}

// A Tally fed the states one at a time, in any order, gives exactly the
// Summary computed from the definitions over all of them, and so does
// Statistics, for every grouping.
func TestTallyEqualsStatistics(t *testing.T) {
	r := rand.New(rand.NewPCG(testSeed(t), 16))
	d := testDecider(t)
	cal := defaultCalendar(t)
	runs := 40
	if testing.Short() {
		runs = 10
	}
	for run := range runs {
		states := randomStates(t, r, d, 1+r.IntN(80))
		start := t0.Add(time.Duration(r.IntN(1500)-100) * time.Hour)
		period := grassroots.Period{Start: start, End: start.Add(time.Duration(1+r.IntN(2000)) * time.Hour)}
		for by := ByGrid; by.IsValid(); by++ {
			want := referenceSummary(t, states, period, by, cal)
			stats, err := Statistics(states, period, by, cal)
			require.NoError(t, err, "run %d, by %s: statistics", run, by)
			assert.Equal(t, want, stats, "run %d, by %s, %d states: statistics equal the definitions", run, by, len(states))
			tally, err := NewTally(period, by, cal)
			require.NoError(t, err, "run %d, by %s: new tally", run, by)
			for _, i := range r.Perm(len(states)) {
				require.NoError(t, tally.Add(&states[i]), "run %d, by %s: add %s", run, by, states[i].ID)
			}
			assert.Equal(t, want, tally.Summary(), "run %d, by %s, %d states: tally equals statistics", run, by, len(states))
		}
	}
}

// Summary can be taken part way through: it covers what was added so far.
func TestTallySummaryPartWay(t *testing.T) {
	cal := defaultCalendar(t)
	states := statsFixture()
	tally, err := NewTally(november, ByUnit, cal)
	require.NoError(t, err)
	for i := range states {
		require.NoError(t, tally.Add(&states[i]), "add %s", states[i].ID)
		require.NoError(t, tally.Add(nil), "a nil incident is ignored, as the zero one is")
		want, err := Statistics(states[:i+1], november, ByUnit, cal)
		require.NoError(t, err)
		assert.Equal(t, want, tally.Summary(), "after %d states", i+1)
	}
}

func TestTallyRefusals(t *testing.T) {
	cal := defaultCalendar(t)
	_, err := NewTally(november, GroupBy(0), cal)
	assert.ErrorIs(t, err, ErrBadOptions, "invalid grouping")
	_, err = NewTally(november, ByGrid, nil)
	assert.ErrorIs(t, err, ErrBadOptions, "no calendar")
	_, err = NewTally(grassroots.Period{Start: november.End, End: november.Start}, ByGrid, cal)
	var ve *grassroots.ValidationError
	assert.ErrorAs(t, err, &ve, "a period that ends before it starts")

	tally, err := NewTally(november, ByGrid, cal)
	require.NoError(t, err)
	states := statsFixture()
	before := tally.Summary()
	bad := states[0]
	bad.ClosedAt = time.Date(2400, 1, 1, 0, 0, 0, 0, shanghai)
	assert.ErrorIs(t, tally.Add(&bad), workday.ErrOutsideCalendar, "a close time past the calendar")
	assert.Equal(t, before, tally.Summary(), "a refused incident changes nothing")
}
