package incident

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// statsFixture: five incidents of unit-1 reported in November 2025 and one
// reported outside the period.
func statsFixture() []Incident {
	mon := time.Date(2025, 11, 24, 9, 0, 0, 0, shanghai)
	due := time.Date(2025, 11, 25, 17, 30, 0, 0, shanghai)
	mk := func(id string, status Status, closedAt time.Time) Incident {
		return Incident{ID: id, Status: status, Category: "002", Grid: "g1", Unit: "unit-1", Platform: PlatformLawEnforcement,
			ReportedAt: mon, ClosedAt: closedAt, HandleTerm: Term{Start: mon, End: due, Working: true}}
	}
	onTime := mk("a", StatusClosed, time.Date(2025, 11, 24, 15, 0, 0, 0, shanghai)) // 6h wall, 4.5h working
	onTime.Grade, onTime.FirstGrade = VerySatisfied, VerySatisfied
	late := mk("b", StatusClosed, time.Date(2025, 11, 26, 9, 0, 0, 0, shanghai)) // 48h wall, 15h working
	late.Returns = 1
	late.Grade, late.FirstGrade = Satisfied, Dissatisfied // rectified after a redo
	late.Redos = 1
	exact := mk("c", StatusClosed, due) // closed exactly at the deadline
	exact.Grade, exact.FirstGrade = VeryDissatisfied, VeryDissatisfied
	reopened := mk("d", StatusReopened, time.Date(2025, 11, 25, 10, 0, 0, 0, shanghai))
	reopened.Reopens = 1
	open := mk("e", StatusInProgress, time.Time{})
	outside := mk("f", StatusClosed, due)
	outside.ReportedAt = time.Date(2025, 10, 31, 9, 0, 0, 0, shanghai)
	return []Incident{onTime, late, exact, reopened, open, outside}
}

var november = grassroots.Period{
	Start: time.Date(2025, 11, 1, 0, 0, 0, 0, shanghai),
	End:   time.Date(2025, 12, 1, 0, 0, 0, 0, shanghai),
}

func assertRatio(t *testing.T, r Ratio, num, den int, value string, name string) {
	t.Helper()
	assert.Equal(t, num, r.Num, "%s numerator", name)
	assert.Equal(t, den, r.Den, "%s denominator", name)
	assert.True(t, r.Value.Equal(decimal.RequireFromString(value)), "%s = %s, want %s", name, r.Value, value)
	assert.True(t, r.OK, "%s has a denominator", name)
}

func TestStatistics(t *testing.T) {
	cal := defaultCalendar(t)
	got, err := Statistics(statsFixture(), november, ByUnit, cal)
	require.NoError(t, err)
	require.Len(t, got.Groups, 1)
	s := got.Groups[0]
	assert.Equal(t, ByUnit, got.By)
	assert.Zero(t, got.Unkeyed.Received, "every matter has a unit")
	assert.Equal(t, KeyUnrouted, got.Unkeyed.Key)
	total := got.Total
	assert.Equal(t, KeyTotal, total.Key)
	total.Key = s.Key
	assert.Equal(t, s, total, "one group: the total is that group")
	assert.Equal(t, "unit-1", s.Key)
	assert.Equal(t, 5, s.Received, "the October report is outside the period")
	assert.Equal(t, 3, s.Closed)
	assertRatio(t, s.ClosureRate, 3, 5, "0.6", "closure rate")
	assertRatio(t, s.OnTimeRate, 2, 3, "0.6667", "on-time rate (closing at the deadline is on time; 2/3 rounds half up)")
	assertRatio(t, s.ReturnRate, 1, 5, "0.2", "return rate")
	assertRatio(t, s.RedoRate, 1, 4, "0.25", "redo rate over ever closed")
	assertRatio(t, s.ReopenRate, 1, 4, "0.25", "reopen rate over ever closed")
	assertRatio(t, s.SatisfactionRate, 2, 3, "0.6667", "satisfaction rate")
	assertRatio(t, s.RectificationRate, 1, 2, "0.5", "rectification rate")
	// Wall times 6h, 32h30m, 48h: median 32h30m, P90 48h (nearest rank).
	assert.Equal(t, Quantiles{Median: 32*time.Hour + 30*time.Minute, P90: 48 * time.Hour, OK: true}, s.ToClose)
	// Working times from Monday 09:00: 4h30m to Monday 15:00; Monday's 7h
	// and Tuesday's 7h30m to Tuesday 17:30; and 30m more to Wednesday 09:00.
	assert.Equal(t, Quantiles{Median: 14*time.Hour + 30*time.Minute, P90: 15 * time.Hour, OK: true}, s.WorkingToClose)
	assert.Zero(t, s.Provisional, "November 2025 rests on the 2025 notice")
}

func TestStatisticsCountsProvisionalDeadlines(t *testing.T) {
	cal := defaultCalendar(t)
	incidents := statsFixture()
	incidents[1].HandleTerm.Provisional = true // a closed one
	incidents[4].AcceptTerm = Term{Start: incidents[4].ReportedAt, End: incidents[4].ReportedAt.Add(time.Hour), Provisional: true}
	incidents[5].HandleTerm.Provisional = true // reported outside the period
	got, err := Statistics(incidents, november, ByUnit, cal)
	require.NoError(t, err)
	require.Len(t, got.Groups, 1)
	assert.Equal(t, 2, got.Groups[0].Provisional, "two matters received in the period have a provisional term")
	assert.Equal(t, 2, got.Total.Provisional, "and the district total counts them")
}

func TestStatisticsZeroDenominators(t *testing.T) {
	cal := defaultCalendar(t)
	in := statsFixture()[4] // in progress, unrated
	got, err := Statistics([]Incident{in}, november, ByCategory, cal)
	require.NoError(t, err)
	require.Len(t, got.Groups, 1)
	g := got.Groups[0]
	for name, r := range map[string]Ratio{"on time": g.OnTimeRate, "satisfaction": g.SatisfactionRate, "rectification": g.RectificationRate, "redo": g.RedoRate} {
		assert.False(t, r.OK, "%s has no denominator", name)
		assert.True(t, r.Value.IsZero(), "%s is zero", name)
	}
	assert.False(t, g.ToClose.OK, "no closures, no quantiles")
	assert.False(t, got.Unkeyed.ClosureRate.OK, "an empty group has no rates")
}

func TestStatisticsIsOrderIndependent(t *testing.T) {
	cal := defaultCalendar(t)
	r := rand.New(rand.NewPCG(testSeed(t), 11))
	base := districtFixture()
	for i := range base {
		if i%2 == 0 {
			base[i].Unit = "unit-2"
			base[i].Grid = "g2"
		}
	}
	for _, by := range []GroupBy{ByGrid, ByPlatform, ByCategory, ByUnit} {
		want, err := Statistics(base, november, by, cal)
		require.NoError(t, err)
		for range 20 {
			shuffled := append([]Incident(nil), base...)
			r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			got, err := Statistics(shuffled, november, by, cal)
			require.NoError(t, err)
			assert.Equal(t, want, got, "grouped by %s", by)
		}
	}
	_, err := Statistics(base, november, 0, cal)
	assert.ErrorIs(t, err, ErrBadOptions)
}

// districtFixture is a district's matters of November 2025: the
// statistics fixture, plus matters rejected before dispatch, one still
// awaiting acceptance, one reported with an address only and never
// located, and one returned by its unit.
func districtFixture() []Incident {
	in := statsFixture()
	mon := time.Date(2025, 11, 24, 9, 0, 0, 0, shanghai)
	in[2].Platform, in[2].Unit, in[2].Grid = PlatformPublicServices, "unit-2", "g2"
	rejected := Incident{ID: "r1", Status: StatusRejected, Category: "002", Grid: "g1", ReportedAt: mon, Reject: RejectDuplicate, DuplicateOf: "a",
		AcceptTerm: Term{Start: mon, End: mon.Add(90 * time.Minute), Provisional: true}}
	rejected2 := rejected
	rejected2.ID, rejected2.Grid, rejected2.Category = "r2", "", "004"
	waiting := Incident{ID: "w", Status: StatusReported, Category: "004", ReportedAt: mon, Address: "五马街 12 号"}
	returned := Incident{ID: "t", Status: StatusReturned, Category: "002", Grid: "g2", Platform: PlatformLawEnforcement, ReportedAt: mon, Returns: 1}
	return append(in, rejected, rejected2, waiting, returned)
}

// TestStatisticsReconcile checks that, whichever way the matters are
// grouped, the groups and the unkeyed group add up to the district total
// in every count, and that matters without a platform (rejected before
// dispatch, awaiting it) are the unrouted group.
func TestStatisticsReconcile(t *testing.T) {
	cal := defaultCalendar(t)
	incidents := districtFixture()
	for _, by := range []GroupBy{ByGrid, ByPlatform, ByCategory, ByUnit} {
		got, err := Statistics(incidents, november, by, cal)
		require.NoError(t, err, "by %s", by)
		counts := func(s Stats) []int {
			return []int{s.Received, s.Closed, s.OnTimeRate.Num, s.OnTimeRate.Den, s.ReturnRate.Num, s.RedoRate.Num, s.RedoRate.Den,
				s.ReopenRate.Num, s.SatisfactionRate.Num, s.SatisfactionRate.Den, s.RectificationRate.Num, s.RectificationRate.Den, s.Provisional}
		}
		sum := counts(got.Unkeyed)
		for _, g := range got.Groups {
			assert.NotEmpty(t, g.Key, "by %s: every group has a key", by)
			for i, n := range counts(g) {
				sum[i] += n
			}
		}
		assert.Equal(t, counts(got.Total), sum, "by %s: groups plus %s add up to the total", by, got.Unkeyed.Key)
		assert.Equal(t, 9, got.Total.Received, "by %s: nine matters received in November", by)
	}

	byPlatform, err := Statistics(incidents, november, ByPlatform, cal)
	require.NoError(t, err)
	assert.Equal(t, KeyUnrouted, byPlatform.Unkeyed.Key)
	assert.Equal(t, 3, byPlatform.Unkeyed.Received, "two rejected before dispatch and one awaiting acceptance")
	assert.Equal(t, 2, byPlatform.Unkeyed.Provisional, "the two rejections with a provisional acceptance term")
	law, ok := byPlatform.Group("law_enforcement")
	require.True(t, ok)
	assert.Equal(t, 5, law.Received, "four of the fixture and the returned one")
	_, ok = byPlatform.Group("market_supervision")
	assert.False(t, ok, "no group without matters")

	byUnit, err := Statistics(incidents, november, ByUnit, cal)
	require.NoError(t, err)
	assert.Equal(t, 4, byUnit.Unkeyed.Received, "the unrouted, and the returned matter awaiting dispatch again")

	byGrid, err := Statistics(incidents, november, ByGrid, cal)
	require.NoError(t, err)
	assert.Equal(t, KeyUngridded, byGrid.Unkeyed.Key)
	assert.Equal(t, 2, byGrid.Unkeyed.Received, "the matter without a point and a rejection without a grid")
}
