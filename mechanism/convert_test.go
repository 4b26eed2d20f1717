package mechanism

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/workday"
)

func incidentRatio(num, den int) incident.Ratio {
	r := incident.Ratio{Num: num, Den: den, Value: decimal.Zero}
	if den > 0 {
		r.Value, r.OK = decimal.NewFromInt(int64(num)).DivRound(decimal.NewFromInt(int64(den)), incident.RatioScale), true
	}
	return r
}

func TestFromIncidentStatsKeepsEveryRate(t *testing.T) {
	s := incident.Stats{
		Key: "330302001001", Received: 930, Closed: 919,
		ClosureRate:       incidentRatio(919, 930),
		OnTimeRate:        incidentRatio(870, 919),
		ReopenRate:        incidentRatio(9, 920),
		SatisfactionRate:  incidentRatio(400, 420),
		RectificationRate: incidentRatio(15, 20),
		ToClose:           incident.Quantiles{Median: 26*time.Hour + 30*time.Minute, P90: 71*time.Hour + 15*time.Minute, OK: true},
	}
	got := FromIncidentStats(s, 276)
	in := Inputs{Community: "c", Period: june2021, Incidents: got}
	require.NoError(t, in.Validate(), "converted statistics are valid")
	pairs := []struct {
		name string
		want incident.Ratio
		got  Metric
	}{
		{"closure", s.ClosureRate, got.ClosureRate()},
		{"on time", s.OnTimeRate, got.OnTimeClosure()},
		{"reopen", s.ReopenRate, got.ReopenRate()},
		{"satisfaction", s.SatisfactionRate, got.SatisfactionRate()},
		{"rectification", s.RectificationRate, got.RectificationRate()},
	}
	for _, p := range pairs {
		assert.True(t, p.want.Value.Equal(p.got.Value), "%s: %s, incident says %s", p.name, p.got.Value, p.want.Value)
		assert.Equal(t, p.want.OK, p.got.OK, p.name)
	}
	assert.True(t, got.MedianTimeToClose().Value.Equal(dec("26.5")), "median %s", got.MedianHoursToClose)
	assert.True(t, got.P90TimeToClose().Value.Equal(dec("71.25")), "p90 %s", got.P90HoursToClose)
	assert.True(t, got.ProviderDiscoveryShare().Value.Equal(dec("0.2968")), "276 / 930")
}

func TestFromIncidentStatsHoursRoundHalfAwayFromZero(t *testing.T) {
	// 0.5 s = 0.000138… h → 0.0001; 0.18 s = 0.00005 h exactly → 0.0001.
	assert.True(t, hoursOf(500*time.Millisecond).Equal(dec("0.0001")))
	assert.True(t, hoursOf(180*time.Millisecond).Equal(dec("0.0001")))
	assert.True(t, hoursOf(179*time.Millisecond).Equal(dec("0")))
}

func TestFromScorecardRiskAndContract(t *testing.T) {
	sc := FromScorecard(evaluation.Scorecard{Subject: "p1", Total: dec("86.5"), Grade: "good"})
	assert.Equal(t, "p1", sc.Subject)
	assert.True(t, sc.Total.Equal(dec("86.5")))
	assert.Equal(t, "good", sc.Grade)

	open := FromRisk(risk.Risk{ID: "r1", Stage: risk.StageAlerted, Alert: risk.AlertII}, ResourceCoordination)
	assert.Equal(t, Risk{ID: "r1", Mechanism: ResourceCoordination, Level: 2, Open: true}, open)
	closed := FromRisk(risk.Risk{ID: "r2", Stage: risk.StageClosed}, FunctionalSubstitution)
	assert.False(t, closed.Open, "a closed risk")
	assert.Equal(t, int64(0), closed.Level, "no alert in force")

	c := FromContract(provider.Contract{
		ID:       "c1",
		Supplier: provider.Organization{ID: "p1"},
		Period:   grassroots.Period{Start: june2021.Start},
		Scope:    []provider.ScopeItem{{Function: provider.GridPatrol, Area: "330302001001"}},
	})
	assert.Equal(t, Contract{ID: "c1", Provider: "p1", Period: grassroots.Period{Start: june2021.Start},
		Scope: []ScopeItem{{Function: "grid_patrol", Area: "330302001001"}}}, c)
}

// summaryIncidents are six matters of one community in November 2025:
// three on the law-enforcement platform (two closed, one on time), two on
// the public-services platform (both closed on time) and one awaiting
// dispatch.
func summaryIncidents() []incident.Incident {
	loc := time.FixedZone("CST", 8*3600)
	at := time.Date(2025, 11, 24, 9, 0, 0, 0, loc)
	due := time.Date(2025, 11, 25, 17, 30, 0, 0, loc)
	mk := func(id string, p incident.Platform, status incident.Status, closedAt time.Time) incident.Incident {
		return incident.Incident{ID: id, Status: status, Category: "002", Grid: "g1", Unit: "u1", Platform: p,
			ReportedAt: at, ClosedAt: closedAt, HandleTerm: incident.Term{Start: at, End: due, Working: true}}
	}
	early := at.Add(6 * time.Hour)
	return []incident.Incident{
		mk("a", incident.PlatformLawEnforcement, incident.StatusClosed, early),
		mk("b", incident.PlatformLawEnforcement, incident.StatusClosed, due.Add(16*time.Hour)),
		mk("c", incident.PlatformLawEnforcement, incident.StatusInProgress, time.Time{}),
		mk("d", incident.PlatformPublicServices, incident.StatusClosed, early),
		mk("e", incident.PlatformPublicServices, incident.StatusClosed, early),
		{ID: "f", Status: incident.StatusReported, Category: "004", ReportedAt: at, Address: "五马街 12 号"},
	}
}

func TestFromIncidentSummaryCountsPlatforms(t *testing.T) {
	cal, err := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	require.NoError(t, err, "the default calendar")
	november := grassroots.Period{Start: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)}
	sum, err := incident.Statistics(summaryIncidents(), november, incident.ByPlatform, cal)
	require.NoError(t, err, "statistics by platform")
	got, err := FromIncidentSummary(sum, 2)
	require.NoError(t, err, "a summary by platform")
	assert.Equal(t, int64(6), got.Received, "every matter, the unrouted one included")
	assert.Equal(t, int64(4), got.Closed, "closed matters")
	assert.Equal(t, int64(3), got.ClosedOnTime, "closed on time")
	assert.Equal(t, []PlatformCount{
		{Platform: incident.PlatformLawEnforcement, Received: 3},
		{Platform: incident.PlatformPublicServices, Received: 2},
	}, got.Platforms, "one entry per platform with matters, the unrouted matter in none")
	in := Inputs{Community: "c", Period: november, Residents: 100, Incidents: got}
	require.NoError(t, in.Validate(), "converted statistics are valid")
	// 4 × (5² − 3² − 2²) / (3 × 5²) = 48 / 75.
	assert.True(t, got.PlatformSpread().Value.Equal(dec("0.64")), "spread %s", got.PlatformSpread().Value)
	// 6 matters × 1,000 × 365 / (100 residents × 30 days).
	assert.True(t, in.MatterRate().Value.Equal(dec("730")), "rate %s", in.MatterRate().Value)

	byUnit, err := incident.Statistics(summaryIncidents(), november, incident.ByUnit, cal)
	require.NoError(t, err, "statistics by unit")
	_, err = FromIncidentSummary(byUnit, 2)
	var ge *SummaryGroupingError
	require.ErrorAs(t, err, &ge, "a summary by unit is refused")
	assert.Equal(t, SummaryGroupingError{By: incident.ByUnit, Want: incident.ByPlatform}, *ge, "names the grouping wanted")
	assert.ErrorIs(t, err, ErrSummaryGrouping, "matches the sentinel")

	forged := sum
	forged.Groups = append([]incident.Stats{{Key: "five_platforms", Received: 1}}, sum.Groups...)
	_, err = FromIncidentSummary(forged, 0)
	assert.ErrorIs(t, err, grassroots.ErrUnknownName, "a group that is no platform")
}
