package mechanism

import (
	"flag"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var seedFlag = flag.Uint64("seed", 0, "seed for randomised tests (0: a fixed default)")

func testSeed(t testing.TB) uint64 {
	seed := *seedFlag
	if seed == 0 {
		seed = 20210630
	}
	t.Logf("seed %d (rerun with -seed=%d)", seed, seed)
	return seed
}

// metricCase names a metric, the function computing it from Inputs, and
// the hand-computed result on handInputs.
type metricCase struct {
	name            string
	compute         func(in *Inputs) Metric
	value, num, den string
	// fixedDen marks metrics whose denominator does not come from the
	// inputs (a configured constant): on empty inputs they are 0 and OK.
	fixedDen bool
}

var defaultCfg = DefaultConfig()

var metricCases = []metricCase{
	// Functional substitution.
	{"substitution index, equal weights: (0 + 0.75 + 0.25) / 3",
		func(in *Inputs) Metric { return in.Tasks.SubstitutionIndex(EqualWeights) }, "0.3333", "1", "3", false},
	{"substitution index, standard hours: (30×0.5 + 5×2) / (40×0.5 + 20×2 + 4×3) = 25 / 72",
		func(in *Inputs) Metric { return in.Tasks.SubstitutionIndex(StandardHourWeights) }, "0.3472", "25", "72", false},
	{"FTE relieved: 25 provider hours / 2,000",
		func(in *Inputs) Metric { return in.Tasks.FTERelieved(defaultCfg.HoursPerFTE) }, "0.0125", "25", "2000", true},
	{"provider discovery share: 276 / 919",
		func(in *Inputs) Metric { return in.Incidents.ProviderDiscoveryShare() }, "0.3003", "276", "919", false},
	{"provider grid coverage: the community contract covers 3 of 4 grids, the expired one none",
		func(in *Inputs) Metric { return in.ProviderGridCoverage() }, "0.75", "3", "4", false},
	// Resource coordination.
	{"department integration: 58 / 72",
		func(in *Inputs) Metric { return in.Catalogue.DepartmentIntegration() }, "0.8056", "58", "72", false},
	{"category coverage: 282 / 300",
		func(in *Inputs) Metric { return in.Catalogue.CategoryCoverage() }, "0.94", "282", "300", false},
	{"system interconnection: a, b, c linked / 4 in scope",
		func(in *Inputs) Metric { return in.Catalogue.SystemInterconnection() }, "0.75", "3", "4", false},
	{"sharing openness: (150 + ½ × 100) / 282",
		func(in *Inputs) Metric { return in.Catalogue.SharingOpenness(defaultCfg.ConditionalWeight) }, "0.7092", "200", "282", false},
	{"real-time share: 3 of 5 links",
		func(in *Inputs) Metric { return in.Catalogue.RealTimeShare() }, "0.6", "3", "5", false},
	{"interoperability: (6 + 4 + 3 + 2 + 0) / (6 × 5)",
		func(in *Inputs) Metric { return in.Catalogue.Interoperability() }, "0.5", "15", "30", false},
	{"open-data stars: (5 + 3 + 1) / (5 × 3)",
		func(in *Inputs) Metric { return in.Catalogue.OpenDataStars() }, "0.6", "9", "15", false},
	{"data silo: 4 distinct ordered pairs of 4 × 3, the repeated hub→a counted once",
		func(in *Inputs) Metric { return in.Catalogue.DataSilo() }, "0.6667", "8", "12", false},
	{"hub silo: a and b linked with the hub, c not: 1 − 2/3",
		func(in *Inputs) Metric { return in.Catalogue.HubSilo() }, "0.3333", "1", "3", false},
	{"integrated resources: mean of 3/4 and 10/40, money unmeasured",
		func(in *Inputs) Metric { return in.Resources.IntegratedResources() }, "0.5", "1", "2", false},
	// Multi-stakeholder interaction.
	{"participation rate: u1..u4 unique across actions / 10",
		func(in *Inputs) Metric { return in.Participation.ParticipationRate() }, "0.4", "4", "10", false},
	{"activity intensity: 5 posts × 1,000 / 10 users",
		func(in *Inputs) Metric { return in.Participation.ActivityIntensity() }, "500", "5000", "10", false},
	{"interaction-form coverage: posts, comments, joint actions and survey answers give all 4 forms",
		func(in *Inputs) Metric { return in.InteractionFormCoverage() }, "1", "4", "4", true},
	{"proposal uptake: 3 / 8",
		func(in *Inputs) Metric { return in.Participation.ProposalUptake() }, "0.375", "3", "8", false},
	{"meeting turnout: (20 + 15) / (30 + 20)",
		func(in *Inputs) Metric { return in.Participation.MeetingTurnout() }, "0.7", "35", "50", false},
	{"closure rate: 919 / 919",
		func(in *Inputs) Metric { return in.Incidents.ClosureRate() }, "1", "919", "919", false},
	{"on-time closure: 870 / 919",
		func(in *Inputs) Metric { return in.Incidents.OnTimeClosure() }, "0.9467", "870", "919", false},
	{"median time to close: 26.5 hours",
		func(in *Inputs) Metric { return in.Incidents.MedianTimeToClose() }, "26.5", "26.5", "1", false},
	{"P90 time to close: 71.25 hours",
		func(in *Inputs) Metric { return in.Incidents.P90TimeToClose() }, "71.25", "71.25", "1", false},
	{"satisfaction rate: 400 / 420",
		func(in *Inputs) Metric { return in.Incidents.SatisfactionRate() }, "0.9524", "400", "420", false},
	{"rectification rate: 15 / 20",
		func(in *Inputs) Metric { return in.Incidents.RectificationRate() }, "0.75", "15", "20", false},
	{"joint-action progress, no weights: (0.5 + 1 + 0.2) / 3",
		func(in *Inputs) Metric { return in.Participation.JointActionProgress() }, "0.5667", "1.7", "3", false},
	{"reopen rate: 9 / 919",
		func(in *Inputs) Metric { return in.Incidents.ReopenRate() }, "0.0098", "9", "919", false},
}

func assertMetric(t *testing.T, m Metric, value, num, den string, label string) {
	t.Helper()
	assert.True(t, m.OK, "%s: OK", label)
	assert.True(t, dec(value).Equal(m.Value), "%s: value %s, want %s", label, m.Value, value)
	assert.True(t, dec(num).Equal(m.Numerator), "%s: numerator %s, want %s", label, m.Numerator, num)
	assert.True(t, dec(den).Equal(m.Denominator), "%s: denominator %s, want %s", label, m.Denominator, den)
}

func TestMetricsHandComputed(t *testing.T) {
	for _, tc := range metricCases {
		t.Run(tc.name, func(t *testing.T) {
			in := handInputs()
			m := tc.compute(&in)
			assertMetric(t, m, tc.value, tc.num, tc.den, tc.name)
			d, ok := m.Code.Definition()
			require.True(t, ok, "%s: valid code", tc.name)
			assert.Equal(t, d.Unit, m.Unit, "%s: unit from definition", tc.name)
			assert.Equal(t, d.Layer, m.Layer, "%s: layer from definition", tc.name)
			assert.Equal(t, d.Mechanism, m.Mechanism, "%s: mechanism from definition", tc.name)
		})
	}
}

func TestMetricsZeroDenominatorGiveZeroNotOK(t *testing.T) {
	for _, tc := range metricCases {
		t.Run(tc.name, func(t *testing.T) {
			var in Inputs
			m := tc.compute(&in)
			assert.Equal(t, tc.fixedDen, m.OK, "%s on empty inputs: OK only for a fixed denominator", tc.name)
			assert.True(t, m.Value.IsZero(), "%s on empty inputs: value 0, got %s", tc.name, m.Value)
		})
	}
}

func TestMetricsIndependentOfInputOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 1))
	for i := range 50 {
		in := generated(rng, i)
		want := in.Metrics(&defaultCfg)
		for range 3 {
			sh := shuffled(rng, in)
			got := sh.Metrics(&defaultCfg)
			require.Len(t, got, len(want), "community %d", i)
			for k := range want {
				assert.Equal(t, want[k].Code, got[k].Code, "community %d metric %d", i, k)
				assert.Equal(t, want[k].Subject, got[k].Subject, "community %d metric %d", i, k)
				assert.True(t, want[k].Value.Equal(got[k].Value), "community %d %s/%s: %s vs %s", i, want[k].Code, want[k].Subject, want[k].Value, got[k].Value)
			}
		}
	}
}

func TestEveryOKMetricIsItsNumeratorOverDenominator(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 2))
	for i := range 50 {
		in := generated(rng, i)
		for _, m := range in.Metrics(&defaultCfg) {
			if !m.OK {
				continue
			}
			want := m.Numerator.DivRound(m.Denominator, Scale)
			assert.True(t, want.Equal(m.Value), "community %d %s/%s: %s ≠ %s / %s", i, m.Code, m.Subject, m.Value, m.Numerator, m.Denominator)
		}
	}
}

func TestProviderSharesPerFunctionSortedByFunction(t *testing.T) {
	in := handInputs()
	shares := in.Tasks.ProviderShares()
	require.Len(t, shares, 3)
	want := []struct{ subject, value string }{{"elderly_care", "0"}, {"grid_patrol", "0.75"}, {"sanitation", "0.25"}}
	for i, w := range want {
		assert.Equal(t, w.subject, shares[i].Subject, "share %d", i)
		assert.True(t, dec(w.value).Equal(shares[i].Value), "share of %s: %s", w.subject, shares[i].Value)
	}
}

func TestJointActionProgressWeighted(t *testing.T) {
	p := Participation{JointActions: []JointAction{
		{ID: "j1", Progress: dec("0.5"), Weight: dec("2")},
		{ID: "j2", Progress: dec("1"), Weight: dec("1")},
		{ID: "j3", Progress: dec("0.2"), Weight: dec("1")},
	}}
	// (2×0.5 + 1×1 + 1×0.2) / 4 = 2.2 / 4
	assertMetric(t, p.JointActionProgress(), "0.55", "2.2", "4", "weighted progress")
}

func TestRawCountsStayRawWithoutDenominators(t *testing.T) {
	// Deqing W village: data from 58 departments across 282 categories,
	// shared in real time with 15 systems; no totals in scope are given.
	c := wVillageCatalogue()
	raw := c.RawCounts()
	require.Len(t, raw, 3)
	for i, want := range []struct {
		code  Code
		value string
	}{{DepartmentsConnected, "58"}, {CategoriesCatalogued, "282"}, {SystemsConnected, "15"}} {
		assert.Equal(t, want.code, raw[i].Code)
		assertMetric(t, raw[i], want.value, want.value, "1", want.code.String())
		assert.Equal(t, Count, raw[i].Unit, "%s is a count", want.code)
	}
	for _, m := range []Metric{c.DepartmentIntegration(), c.CategoryCoverage(), c.SystemInterconnection()} {
		assert.False(t, m.OK, "%s without a total in scope is not OK", m.Code)
	}
	assertMetric(t, c.RealTimeShare(), "1", "15", "15", "every W village link is real time")
	assertMetric(t, c.HubSilo(), "0", "0", "15", "every system linked with the hub")
}

func wVillageCatalogue() Catalogue {
	c := Catalogue{
		DepartmentsConnected: 58,
		Categories:           ClassCounts{Unconditional: 282},
		Hub:                  "one_map",
	}
	for i := range 15 {
		s := string(rune('a'+i)) + "_system"
		c.Systems = append(c.Systems, s)
		c.Links = append(c.Links, Link{From: "one_map", To: s, Latency: RealTime, Level: 4})
	}
	return c
}

func TestPaperCaseHangzhouS(t *testing.T) {
	// Hangzhou S community, June 2021: 547 posts, 13,955 registered users,
	// 919 incident reports with a 100% closure rate.
	p := Participation{RegisteredUsers: 13955, Posts: 547}
	m := p.ActivityIntensity()
	// 547,000 / 13,955 = 39.19742…: 39.1974 at scale 4, 39.2 at one place.
	assertMetric(t, m, "39.1974", "547000", "13955", "posts per 1,000")
	assert.Equal(t, "39.2", m.Value.Round(1).String(), "the paper's figure at one place")
	s := IncidentStats{Received: 919, Closed: 919}
	assertMetric(t, s.ClosureRate(), "1", "919", "919", "closure rate")
}

func TestRoundingIsHalfAwayFromZero(t *testing.T) {
	// 1/32 = 0.03125 exactly: half up gives 0.0313 (half even would give 0.0312).
	p := Participation{Proposals: 32, ProposalsAccepted: 1}
	assertMetric(t, p.ProposalUptake(), "0.0313", "1", "32", "1/32")
	// 3/32 = 0.09375: half up 0.0938 (half even would also give 0.0938).
	p.ProposalsAccepted = 3
	assertMetric(t, p.ProposalUptake(), "0.0938", "3", "32", "3/32")
}

func TestCostMetricsDirection(t *testing.T) {
	for _, c := range []Code{DataSilo, HubSilo, MedianTimeToClose, P90TimeToClose, ReopenRate} {
		d, ok := c.Definition()
		require.True(t, ok)
		assert.Equal(t, Cost, d.Direction, "%s: lower is better", c)
	}
}

func TestInteractionFormCoverageCountsEachForm(t *testing.T) {
	cases := []struct {
		name string
		in   Inputs
		want string
	}{
		{"posts only: information", Inputs{Participation: Participation{Posts: 1}}, "0.25"},
		{"a meeting is consultation", Inputs{Participation: Participation{Meetings: []Meeting{{ID: "m"}}}}, "0.25"},
		{"votes are consultation", Inputs{Participation: Participation{Votes: 2}}, "0.25"},
		{"a joint action", Inputs{Participation: Participation{JointActions: []JointAction{{ID: "j"}}}}, "0.25"},
		{"a rated incident is evaluation", Inputs{Incidents: IncidentStats{Rated: 1}}, "0.25"},
		{"a scorecard is evaluation", Inputs{Scorecards: []Scorecard{{Subject: "p"}}}, "0.25"},
		{"information and evaluation", Inputs{Participation: Participation{Posts: 3, SurveyAnswers: 1}}, "0.5"},
	}
	for _, tc := range cases {
		m := tc.in.InteractionFormCoverage()
		assert.True(t, dec(tc.want).Equal(m.Value), "%s: %s, want %s", tc.name, m.Value, tc.want)
	}
}

func TestFTERelievedNotOKWithoutHours(t *testing.T) {
	in := handInputs()
	assert.False(t, in.Tasks.FTERelieved(decimal.Zero).OK, "zero hours per FTE")
	assert.False(t, in.Tasks.SubstitutionIndex(Weighting(9)).OK, "unknown weighting")
}

func TestRatioFastPathAgreesWithDivRound(t *testing.T) {
	rng := newRand(t, 6)
	for range 20000 {
		den := 1 + rng.Int64N(1<<20)
		num := rng.Int64N(3 * den)
		if rng.IntN(10) == 0 {
			num, den = rng.Int64N(maxFastNumerator), 1+rng.Int64N(1<<62)
		}
		got := ratio(ClosureRate, "", num, den)
		want := decimal.NewFromInt(num).DivRound(decimal.NewFromInt(den), Scale)
		require.True(t, want.Equal(got.Value), "%d / %d: %s, want %s", num, den, got.Value, want)
	}
	for _, c := range [][2]int64{{1, 2}, {1, 3}, {2, 3}, {1, 32}, {1, 20000}, {1, 20001}, {maxFastNumerator, 3}, {maxFastNumerator + 1, 3}} {
		got := ratio(ClosureRate, "", c[0], c[1])
		want := decimal.NewFromInt(c[0]).DivRound(decimal.NewFromInt(c[1]), Scale)
		assert.True(t, want.Equal(got.Value), "%d / %d: %s, want %s", c[0], c[1], got.Value, want)
	}
}

func TestWithinAgreesWithCmp(t *testing.T) {
	rng := newRand(t, 8)
	bounds := [][2]decimal.Decimal{{zero, maxAmount}, {zero, one}, {maxAmount.Neg(), maxAmount}}
	for range 20000 {
		d := decimal.New(rng.Int64N(1<<40)-1<<39, int32(rng.IntN(40)-22))
		if rng.IntN(20) == 0 {
			d = maxAmount.Add(decimal.New(int64(rng.IntN(3))-1, int32(-rng.IntN(5))))
		}
		for _, b := range bounds {
			want := !d.LessThan(b[0]) && !d.GreaterThan(b[1])
			require.Equal(t, want, within(d, b[0], b[1]), "%s in [%s, %s]", d, b[0], b[1])
		}
	}
}
