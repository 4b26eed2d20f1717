package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/workday"
)

// The figures folded while the year ran, each matter counted once as it
// settled and then let go, equal the SDK's statistics computed over the
// whole year's final states at once.
func TestFoldEqualsWholeYear(t *testing.T) {
	s := small(t)
	f, states := s.res.fold, s.res.states
	require.Len(t, states, s.res.report.Totals.Stats.Received, "every matter's final state kept")
	cal, err := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	require.NoError(t, err)
	loc := cal.Location()
	year := grassroots.Period{Start: time.Date(simYear, 1, 1, 0, 0, 0, 0, loc), End: time.Date(simYear+1, 1, 1, 0, 0, 0, 0, loc)}
	same := func(name string, tally *incident.Tally, states []incident.Incident, p grassroots.Period, by incident.GroupBy) {
		t.Helper()
		want, err := incident.Statistics(states, p, by, cal)
		require.NoError(t, err, name)
		assert.Equal(t, want, tally.Summary(), "%s: folded equals whole-year statistics", name)
	}
	same("by platform", f.byPlatform, states, year, incident.ByPlatform)
	same("by category", f.byCategory, states, year, incident.ByCategory)
	same("by grid", f.byGrid, states, year, incident.ByGrid)
	same("december by unit", f.december, states, grassroots.Period{Start: time.Date(simYear, 12, 1, 0, 0, 0, 0, loc), End: year.End}, incident.ByUnit)
	for m := range 12 {
		start := time.Date(simYear, time.Month(m+1), 1, 0, 0, 0, 0, loc)
		same(start.Month().String()+" by unit", f.months[m], states, grassroots.Period{Start: start, End: start.AddDate(0, 1, 0)}, incident.ByUnit)
	}

	w := f.w
	byCommunity := map[grid.Code][]incident.Incident{}
	tallies := map[grid.Code]communityTally{}
	rated, channels, unrouted := 0, map[incident.Channel]int{}, map[incident.Status]int{}
	closed, late := map[gridMonth]int{}, map[gridMonth]int{}
	for i := range states {
		st := &states[i]
		c := w.communityOf(st.Grid)
		byCommunity[c] = append(byCommunity[c], *st)
		tallies[c] = tallies[c].add(st, w)
		if st.Grade != 0 {
			rated++
		}
		channels[st.Channel]++
		if !st.Platform.IsValid() {
			unrouted[st.Status]++
		}
		if !st.ClosedAt.IsZero() && st.ClosedAt.In(loc).Year() == simYear {
			k := gridMonth{st.Grid, st.ClosedAt.In(loc).Month()}
			closed[k]++
			if st.ClosedAt.After(st.HandleTerm.End) {
				late[k]++
			}
		}
	}
	require.NotEmpty(t, f.communities)
	for c, tally := range f.communities {
		same("community "+string(c), tally, byCommunity[c], year, incident.ByPlatform)
	}
	assert.Equal(t, tallies, f.tallies, "who reported and handled each community's matters")
	assert.Equal(t, rated, f.rated, "rated matters")
	assert.Equal(t, channels, f.channels, "matters by channel")
	assert.Equal(t, unrouted, f.unrouted, "unrouted matters by status")
	assert.Equal(t, closed, f.closed, "closures by grid and month")
	assert.Equal(t, late, f.late, "late closures by grid and month")
}
