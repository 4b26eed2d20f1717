package risk

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func obs(indicator string, kind SubjectKind, code, scope string, at time.Time, value string) Observation {
	return Observation{Indicator: indicator, Subject: Subject{Kind: kind, Code: code}, Scope: scope, At: at, Value: dec(value)}
}

func TestDetectIsIdempotent(t *testing.T) {
	rule := OverdueShareRule(dec("0.2"))
	observations := []Observation{
		obs(IndicatorOverdueShare, SubjectGrid, "330302001", "", t0, "0.35"),
		obs(IndicatorOverdueShare, SubjectGrid, "330302002", "", t0, "0.10"),
	}
	hits, err := Detect([]Rule{rule}, observations, nil, t0)
	require.NoError(t, err)
	require.Len(t, hits, 1)
	assert.Equal(t, "330302001", hits[0].Subject.Code)

	again, err := Detect([]Rule{rule}, observations, hits, t0)
	require.NoError(t, err)
	assert.Empty(t, again, "an active hit is not raised again")

	v2 := rule
	v2.Version = 2
	v2.Condition.Threshold = dec("0.05")
	again, err = Detect([]Rule{v2}, observations, hits, t0)
	require.NoError(t, err)
	require.Len(t, again, 1, "only the subject not already active")
	assert.Equal(t, "330302002", again[0].Subject.Code)
	assert.Equal(t, 2, again[0].RuleVersion, "the hit keeps the version that produced it")
	assert.Equal(t, 1, hits[0].RuleVersion)
}

func TestDetectEvidence(t *testing.T) {
	rule := OverdueShareRule(dec("0.2"))
	observations := []Observation{
		obs(IndicatorOverdueShare, SubjectGrid, "g1", "", t0, "0.30"),
		obs(IndicatorOverdueShare, SubjectGrid, "g1", "", t0.Add(2*time.Hour), "0.25"),
		obs(IndicatorOverdueShare, SubjectGrid, "g1", "", t0.Add(time.Hour), "0.10"),   // out of order on input
		obs(IndicatorOverdueShare, SubjectGrid, "g1", "", t0.Add(5*time.Hour), "0.01"), // after at: ignored
	}
	hits, err := Detect([]Rule{rule}, observations, nil, t0.Add(3*time.Hour))
	require.NoError(t, err)
	require.Len(t, hits, 1)
	ev := hits[0].Evidence
	assert.True(t, ev.Value.Equal(dec("0.25")), "latest value at or before at: %s", ev.Value)
	assert.True(t, ev.To.Equal(t0.Add(2*time.Hour)))
	assert.Equal(t, 1, ev.Observations)
	assert.Equal(t, CategoryServiceFailure, hits[0].Category)
	assert.Equal(t, Above, ev.Compare)
}

func TestDetectConditions(t *testing.T) {
	at := t0.Add(24 * time.Hour)
	provider := func(code string, offsets ...time.Duration) []Observation {
		var out []Observation
		for _, o := range offsets {
			out = append(out, obs(IndicatorDataAccessDenied, SubjectProvider, code, "", at.Add(-o), "1"))
		}
		return out
	}
	var observations []Observation
	observations = append(observations, provider("p-busy", 0, time.Hour, 2*time.Hour, 23*time.Hour)...)               // 4 within 24h
	observations = append(observations, provider("p-edge", 0, time.Hour, 2*time.Hour, 24*time.Hour)...)               // 3 within: the window is (at−24h, at]
	observations = append(observations, provider("p-old", 25*time.Hour, 26*time.Hour, 27*time.Hour, 28*time.Hour)...) // none
	hits, err := Detect([]Rule{DeniedAccessRule(3)}, observations, nil, at)
	require.NoError(t, err)
	require.Len(t, hits, 1, "%v", hits)
	assert.Equal(t, "p-busy", hits[0].Subject.Code)
	assert.True(t, hits[0].Evidence.Value.Equal(dec("4")))

	change := Rule{
		ID: "satisfaction_drop", Version: 1, Category: CategoryServiceFailure,
		Subjects: Selector{Kind: SubjectProvider}, Indicator: IndicatorSatisfactionRate,
		Condition: Condition{Kind: ConditionChange, Compare: AtMost, Threshold: dec("-0.1"), WindowSeconds: 7 * day},
	}
	observations = []Observation{
		obs(IndicatorSatisfactionRate, SubjectProvider, "p1", "", at.Add(-6*24*time.Hour), "0.95"),
		obs(IndicatorSatisfactionRate, SubjectProvider, "p1", "", at, "0.85"),
		obs(IndicatorSatisfactionRate, SubjectProvider, "p2", "", at.Add(-6*24*time.Hour), "0.95"),
		obs(IndicatorSatisfactionRate, SubjectProvider, "p2", "", at, "0.90"),
		obs(IndicatorSatisfactionRate, SubjectProvider, "p3", "", at, "0.10"), // a single value has no change
	}
	hits, err = Detect([]Rule{change, SatisfactionBelowRule(dec("0.9"))}, observations, nil, at)
	require.NoError(t, err)
	var got []string
	for _, h := range hits {
		got = append(got, h.Rule+"/"+h.Subject.Code)
	}
	assert.Equal(t, []string{"satisfaction_below/p1", "satisfaction_below/p3", "satisfaction_drop/p1"}, got, "change −0.10 is at most −0.1; sorted by rule then subject")
}

func TestDetectSelectors(t *testing.T) {
	rule := OverdueShareRule(dec("0.2"))
	var observations []Observation
	for _, code := range []string{"3303", "330302", "330302001", "330303001", "3304"} {
		observations = append(observations, obs(IndicatorOverdueShare, SubjectGrid, code, "", t0, "0.5"))
	}
	observations = append(observations, obs(IndicatorOverdueShare, SubjectProvider, "330302", "", t0, "0.5"))
	codes := func(r Rule) []string {
		hits, err := Detect([]Rule{r}, observations, nil, t0)
		require.NoError(t, err)
		var out []string
		for _, h := range hits {
			out = append(out, h.Subject.Code)
		}
		return out
	}
	assert.Equal(t, []string{"3303", "330302", "330302001", "330303001", "3304"}, codes(rule), "every grid, no provider")
	rule.Subjects.Prefix = "330302"
	assert.Equal(t, []string{"330302", "330302001"}, codes(rule), "a grid and the grids under it")
	rule.Subjects.Prefix = ""
	rule.Subjects.Codes = []string{"3304", "330302", "3304", "9999"}
	assert.Equal(t, []string{"330302", "3304"}, codes(rule), "listed codes, once each")
}

func TestDetectTemplates(t *testing.T) {
	at := t0
	observations := []Observation{
		obs(IndicatorDisparateImpact, SubjectSystem, "elderly-care-allocator", "meal_subsidy_2026", at, "0.8"),
		obs(IndicatorDisparateImpact, SubjectSystem, "elderly-care-allocator", "home_visits_2026", at, "0.79"),
		obs(IndicatorContractShare, SubjectProvider, "p1", "sanitation@330302", at, "61"),
		obs(IndicatorContractShare, SubjectProvider, "p1", "elderly_care@330302", at, "60"),
	}
	hits, err := Detect([]Rule{DisparateImpactRule(), ContractConcentrationRule(dec("60"))}, observations, nil, at)
	require.NoError(t, err)
	require.Len(t, hits, 2)
	assert.Equal(t, "sanitation@330302", hits[0].Scope, "above 60 %%, not at 60 %%")
	assert.Equal(t, CategoryRoleConflict, hits[0].Category)
	assert.Equal(t, "home_visits_2026", hits[1].Scope, "0.79 is below four fifths, 0.8 is not")
	assert.Equal(t, CategoryAlgorithmicDiscrimination, hits[1].Category)
	for _, r := range []Rule{OverdueShareRule(dec("0.2")), SatisfactionBelowRule(dec("0.9")), DeniedAccessRule(10), DisparateImpactRule(), ContractConcentrationRule(dec("50"))} {
		assert.NoError(t, r.Validate(), r.ID)
	}
}

func TestDetectRejectsBadInput(t *testing.T) {
	bad := Rule{ID: "x", Condition: Condition{Kind: ConditionCount, Compare: Above}}
	dup := OverdueShareRule(dec("0.1"))
	_, err := Detect([]Rule{bad, dup, dup}, []Observation{{}}, nil, t0)
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, path := range []string{"rules[0].version", "rules[0].category", "rules[0].subjects.kind", "rules[0].indicator", "rules[0].condition.window_seconds", "rules[2].id", "observations[0].indicator", "observations[0].subject.kind", "observations[0].at"} {
		assert.True(t, ve.Has(path), "missing problem at %s: %v", path, err)
	}
}

// detectFixture builds n rules and m observations: 20 indicators, subjects
// spread over 10,000 grids (codes "33030200000"…), 10 observations per
// series, hourly. Rules select grids by a prefix that covers 100 grids,
// by two explicit codes, or (one rule in 500) every grid of the
// indicator, with all three condition kinds; a few per cent of the
// evaluated series fire.
func detectFixture(nRules, nObs int) ([]Rule, []Observation, time.Time) {
	const indicators, perSeries = 20, 10
	series := nObs / perSeries
	observations := make([]Observation, 0, nObs)
	for s := range series {
		ind := fmt.Sprintf("ind.%02d", s%indicators)
		code := fmt.Sprintf("3303%07d", s/indicators)
		for k := range perSeries {
			observations = append(observations, Observation{
				Indicator: ind, Subject: Subject{Kind: SubjectGrid, Code: code},
				At: t0.Add(time.Duration(k) * time.Hour), Value: decimal.New(int64((s*7+k*13)%100), -2),
			})
		}
	}
	grids := series / indicators
	rules := make([]Rule, nRules)
	for i := range rules {
		r := Rule{
			ID: fmt.Sprintf("rule-%05d", i), Version: 1 + i%3, Category: CategoryServiceFailure,
			Subjects: Selector{Kind: SubjectGrid}, Indicator: fmt.Sprintf("ind.%02d", i%indicators),
			Condition: Condition{Kind: ConditionThreshold, Compare: Above, Threshold: decimal.New(int64(95+i%5), -2)},
		}
		switch {
		case i%500 == 0:
			// every grid of the indicator
		case i%4 == 2:
			r.Subjects.Codes = []string{fmt.Sprintf("3303%07d", i%max(1, grids)), fmt.Sprintf("3303%07d", (i*31)%max(1, grids))}
		default:
			r.Subjects.Prefix = fmt.Sprintf("3303%05d", (i/4)%max(1, grids/100))
		}
		switch i % 3 {
		case 1:
			r.Condition = Condition{Kind: ConditionChange, Compare: Above, Threshold: decimal.New(8, -1), WindowSeconds: 6 * 3600}
		case 2:
			r.Condition = Condition{Kind: ConditionCount, Compare: AtLeast, Threshold: decimal.NewFromInt(4), WindowSeconds: 4 * 3600}
		}
		rules[i] = r
	}
	return rules, observations, t0.Add(10 * time.Hour)
}

func TestDetectFixtureIsDeterministic(t *testing.T) {
	rules, observations, at := detectFixture(200, 20000)
	a, err := Detect(rules, observations, nil, at)
	require.NoError(t, err)
	require.NotEmpty(t, a)
	reversed := make([]Observation, len(observations))
	for i, o := range observations {
		reversed[len(observations)-1-i] = o
	}
	b, err := Detect(rules, reversed, nil, at)
	require.NoError(t, err)
	assert.Equal(t, jsonOf(t, a), jsonOf(t, b), "hits do not depend on observation order")
	c, err := Detect(rules, observations, a, at)
	require.NoError(t, err)
	assert.Empty(t, c)
}

func BenchmarkDetect(b *testing.B) {
	for _, size := range []struct{ rules, obs int }{{1000, 100000}, {10000, 1000000}} {
		rules, observations, at := detectFixture(size.rules, size.obs)
		b.Run(fmt.Sprintf("rules=%d/observations=%d", size.rules, size.obs), func(b *testing.B) {
			b.ReportAllocs()
			var hits int
			for b.Loop() {
				h, err := Detect(rules, observations, nil, at)
				if err != nil {
					b.Fatal(err)
				}
				hits = len(h)
			}
			b.ReportMetric(float64(hits), "hits")
		})
	}
}
