package evaluation

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/grassrootsgov/grassroots"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var seedFlag = flag.Uint64("evaluation.seed", 0, "seed for randomised tests (0: a fixed default)")

func testSeed(t *testing.T) uint64 {
	seed := *seedFlag
	if seed == 0 {
		seed = 20261127
	}
	t.Logf("seed %d (rerun with -evaluation.seed=%d)", seed, seed)
	return seed
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func TestAggregateMatchesNaiveReference(t *testing.T) {
	seed := testSeed(t)
	s := benchSystem(3, 4)
	ratings := benchRatings(s, 40, 6, seed)
	// Drop some ratings so that parties and indicators go missing.
	rng := rand.New(rand.NewPCG(seed, 7))
	kept := ratings[:0:0]
	for _, r := range ratings {
		if rng.IntN(10) > 0 {
			kept = append(kept, r)
		}
	}
	got, err := Aggregate(s, kept, AggregateOptions{})
	require.NoError(t, err)
	want, err := naiveAggregate(s, kept, DefaultScale)
	require.NoError(t, err)
	assert.JSONEq(t, mustJSON(t, want), mustJSON(t, got), "fast and naive aggregation of %d ratings", len(kept))
}

func TestAggregateIsIndependentOfRatingOrder(t *testing.T) {
	seed := testSeed(t)
	s := benchSystem(2, 3)
	ratings := benchRatings(s, 15, 5, seed)
	for _, central := range []Central{Mean, TrimmedMean, Median} {
		opts := AggregateOptions{Central: central, MinSamples: map[grassroots.Party]int{grassroots.Resident: 4}}
		first, err := Aggregate(s, ratings, opts)
		require.NoError(t, err, "central %v", central)
		rng := rand.New(rand.NewPCG(seed, uint64(central)))
		for range 3 {
			shuffled := append([]Rating(nil), ratings...)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			again, err := Aggregate(s, shuffled, opts)
			require.NoError(t, err)
			assert.Equal(t, mustJSON(t, first), mustJSON(t, again), "central %v after shuffling", central)
		}
	}
}

func TestAggregateRejectsUnusableRatings(t *testing.T) {
	s := benchSystem(1, 2)
	good := Rating{Subject: "p", Indicator: "G1.1", Party: grassroots.Resident, Value: decimal.NewFromInt(3)}
	tests := []struct {
		name   string
		change func(r *Rating)
		want   error
	}{
		{"unknown indicator", func(r *Rating) { r.Indicator = "X" }, ErrUnknownIndicator},
		{"group indicator", func(r *Rating) { r.Indicator = "G1" }, ErrUnknownIndicator},
		{"party not entitled", func(r *Rating) { r.Party = grassroots.Provider }, ErrPartyNotAllowed},
		{"invalid party", func(r *Rating) { r.Party = 0 }, grassroots.ErrInvalid},
		{"value above the scale", func(r *Rating) { r.Value = decimal.NewFromInt(6) }, ErrValue},
		{"value below the scale", func(r *Rating) { r.Value = decimal.RequireFromString("0.99") }, ErrValue},
		{"empty subject", func(r *Rating) { r.Subject = "" }, grassroots.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := good
			tt.change(&bad)
			_, err := Aggregate(s, []Rating{good, bad}, AggregateOptions{})
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			var re *RatingError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, 1, re.Index, "the second rating is the bad one")
		})
	}
}

func TestAggregateErrorsSayWhatWasExpected(t *testing.T) {
	s := benchSystem(1, 2)
	good := Rating{Subject: "p", Indicator: "G1.1", Party: grassroots.Resident, Value: decimal.NewFromInt(3)}

	bad := good
	bad.Indicator = "G1"
	_, err := Aggregate(s, []Rating{bad}, AggregateOptions{})
	var ui *UnknownIndicatorError
	require.ErrorAs(t, err, &ui, "a group code")
	assert.True(t, ui.Group, "G1 is a group")
	assert.Equal(t, []string{"G1.1", "G1.2"}, ui.Valid, "the leaf codes are listed")

	bad = good
	bad.Party = grassroots.Provider
	_, err = Aggregate(s, []Rating{bad}, AggregateOptions{})
	var pe *PartyNotAllowedError
	require.ErrorAs(t, err, &pe, "a provider rating")
	assert.Equal(t, "G1.1", pe.Indicator)
	assert.Equal(t, grassroots.Provider, pe.Party)
	assert.Equal(t, s.Indicators[0].Children[0].Parties, pe.Allowed, "the parties that may rate are listed")
	assert.NotErrorIs(t, err, ErrValue, "a party that may not rate is not a value out of range")

	_, err = Aggregate(s, nil, AggregateOptions{IndicatorPartyWeights: map[string]map[grassroots.Party]decimal.Decimal{"nope": {grassroots.Resident: one}}})
	require.ErrorAs(t, err, &ui, "party weights for an unknown code")
	assert.Equal(t, "nope", ui.Code)
	assert.False(t, ui.Group)

	_, err = Aggregate(s, nil, AggregateOptions{IndicatorPartyWeights: map[string]map[grassroots.Party]decimal.Decimal{"G1.1": {grassroots.Provider: one}}})
	assert.ErrorIs(t, err, ErrPartyNotAllowed, "a weight for a party the leaf does not admit")
}

// smallSystem has one Likert-5 leaf rated by residents and government and
// one 0–100 cost leaf rated by a third party.
func smallSystem(t *testing.T) System {
	t.Helper()
	l5, pct := Likert(5), Percent()
	s := System{Code: "small", Indicators: []Indicator{
		{Code: "serve", Weight: d("0.6"), Direction: Benefit, Scale: &l5, Parties: []grassroots.Party{grassroots.Government, grassroots.Resident}},
		{Code: "faults", Weight: d("0.4"), Direction: Cost, Scale: &pct, Parties: []grassroots.Party{grassroots.ThirdParty}},
	}}
	require.NoError(t, s.Validate())
	return s
}

func rate(subject, indicator string, party grassroots.Party, values ...string) []Rating {
	out := make([]Rating, len(values))
	for i, v := range values {
		out[i] = Rating{Subject: subject, Indicator: indicator, Party: party, Rater: fmt.Sprint(i), Value: d(v)}
	}
	return out
}

func concat(parts ...[]Rating) []Rating {
	var out []Rating
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestAggregateExplainsEachStep(t *testing.T) {
	s := smallSystem(t)
	ratings := concat(
		rate("p1", "serve", grassroots.Government, "4", "5"),
		rate("p1", "serve", grassroots.Resident, "3", "4", "4"),
		rate("p1", "faults", grassroots.ThirdParty, "12.5"),
	)
	cards, err := Aggregate(s, ratings, AggregateOptions{PartyWeights: map[grassroots.Party]decimal.Decimal{
		grassroots.Government: d("0.3"), grassroots.Resident: d("0.7"), grassroots.ThirdParty: d("1"),
	}})
	require.NoError(t, err)
	require.Len(t, cards, 1)
	c := cards[0]
	serve := c.Indicators[0]
	// Government mean 4.5, residents 11/3 = 3.6667; value 0.3·4.5 + 0.7·3.6667
	// = 1.35 + 2.56669 = 3.91669 → 3.9167; score (3.9167−1)/4·100 = 72.9175.
	assert.True(t, serve.Parties[0].Value.Equal(d("4.5")))
	assert.True(t, serve.Parties[1].Value.Equal(d("3.6667")))
	assert.True(t, serve.Value.Equal(d("3.9167")), "value %s", serve.Value)
	assert.True(t, serve.Score.Equal(d("72.9175")), "score %s", serve.Score)
	assert.Equal(t, 5, serve.Count)
	// Residents carry a margin of error, 98/√3 = 56.5803.
	assert.True(t, serve.Parties[1].MarginOfError.Equal(d("56.5803")), "%s", serve.Parties[1].MarginOfError)
	assert.True(t, serve.Parties[0].MarginOfError.IsZero(), "government is not a survey party")
	faults := c.Indicators[1]
	// Cost: (100 − 12.5)/100·100 = 87.5.
	assert.True(t, faults.Score.Equal(d("87.5")))
	// Total = 0.6·72.9175 + 0.4·87.5 = 43.7505 + 35 = 78.7505: qualified.
	assert.True(t, c.Total.Equal(d("78.7505")), "total %s", c.Total)
	assert.Equal(t, "qualified", c.Grade)
	assert.Empty(t, c.Warnings)
}

func TestAggregateCentralValues(t *testing.T) {
	s := smallSystem(t)
	values := []string{"1", "5", "5", "4", "2", "5", "3", "4", "5", "5"} // sorted 1 2 3 4 4 5 5 5 5 5
	ratings := concat(rate("p", "serve", grassroots.Resident, values...), rate("p", "faults", grassroots.ThirdParty, "0"))
	tests := []struct {
		central Central
		trim    string
		want    string
	}{
		{Mean, "", "3.9"},
		{Median, "", "4.5"},
		{TrimmedMean, "", "4.125"},     // drop 1 each end: 2 3 4 4 5 5 5 5 → 33/8
		{TrimmedMean, "0.2", "4.3333"}, // drop 2 each end: 3 4 4 5 5 5 → 26/6
	}
	for _, tt := range tests {
		opts := AggregateOptions{Central: tt.central, IndicatorPartyWeights: map[string]map[grassroots.Party]decimal.Decimal{
			"serve": {grassroots.Resident: one},
		}}
		if tt.trim != "" {
			opts.Trim = d(tt.trim)
		}
		cards, err := Aggregate(s, ratings, opts)
		require.NoError(t, err)
		got := cards[0].Indicators[0].Parties[1].Value
		assert.True(t, got.Equal(d(tt.want)), "%v trim %q: %s, want %s", tt.central, tt.trim, got, tt.want)
		assert.True(t, cards[0].Indicators[0].Parties[0].Weight.IsZero(), "government has no weight on serve")
	}
}

func TestAggregateMinimumSamplesAndMissingParties(t *testing.T) {
	s := smallSystem(t)
	ratings := concat(
		rate("p", "serve", grassroots.Government, "5"),
		rate("p", "serve", grassroots.Resident, "1", "1"),
	)
	opts := AggregateOptions{MinSamples: map[grassroots.Party]int{grassroots.Resident: 30}}
	cards, err := Aggregate(s, ratings, opts)
	require.NoError(t, err)
	c := cards[0]
	serve := c.Indicators[0]
	assert.True(t, serve.Parties[1].Excluded, "2 of 30 residents")
	assert.True(t, serve.Parties[0].Weight.Equal(one), "government alone after renormalisation")
	assert.True(t, serve.Value.Equal(d("5")))
	assert.True(t, c.Indicators[1].Missing, "no third-party rating")
	assert.True(t, c.Indicators[0].EffectiveWeight.Equal(one))
	assert.True(t, c.Total.Equal(d("100")))
	assert.Equal(t, []Warning{
		{Kind: TooFewSamples, Indicator: "serve", Party: grassroots.Resident, Count: 2, Required: 30},
		{Kind: PartyMissing, Indicator: "faults", Party: grassroots.ThirdParty},
		{Kind: IndicatorMissing, Indicator: "faults"},
	}, c.Warnings)

	opts.Missing = Fail
	_, err = Aggregate(s, ratings, opts)
	assert.ErrorIs(t, err, ErrMissing)
}

func TestAggregateScoresStayInsideTheirScales(t *testing.T) {
	seed := testSeed(t)
	s := benchSystem(2, 5)
	ratings := benchRatings(s, 30, 4, seed)
	for _, central := range []Central{Mean, TrimmedMean, Median} {
		cards, err := Aggregate(s, ratings, AggregateOptions{Central: central})
		require.NoError(t, err)
		for _, c := range cards {
			assert.True(t, !c.Total.IsNegative() && c.Total.LessThanOrEqual(hundred), "%s total %s", c.Subject, c.Total)
			sum := decimal.Zero
			for _, in := range c.Indicators {
				assert.True(t, in.Value.GreaterThanOrEqual(one) && in.Value.LessThanOrEqual(d("5")), "%s %s value %s", c.Subject, in.Code, in.Value)
				assert.True(t, !in.Score.IsNegative() && in.Score.LessThanOrEqual(hundred), "%s %s score %s", c.Subject, in.Code, in.Score)
				sum = sum.Add(in.Contribution)
			}
			assert.True(t, sum.Equal(c.Total), "contributions add up to the total")
		}
	}
}

func TestAggregateAcceptsDecimalValuesOfMixedPrecision(t *testing.T) {
	s := smallSystem(t)
	ratings := concat(
		rate("p", "faults", grassroots.ThirdParty, "10", "12.5", "13.125"),
		rate("p", "serve", grassroots.Resident, "4"),
	)
	cards, err := Aggregate(s, ratings, AggregateOptions{})
	require.NoError(t, err)
	// (10 + 12.5 + 13.125)/3 = 11.875 exactly.
	assert.True(t, cards[0].Indicators[1].Value.Equal(d("11.875")), "%s", cards[0].Indicators[1].Value)
}

func TestAggregateRejectsBadOptions(t *testing.T) {
	s := smallSystem(t)
	ratings := rate("p", "serve", grassroots.Resident, "4")
	for name, opts := range map[string]AggregateOptions{
		"unknown central":        {Central: 9},
		"trim of one half":       {Central: TrimmedMean, Trim: d("0.5")},
		"unknown policy":         {Missing: 7},
		"negative minimum":       {MinSamples: map[grassroots.Party]int{grassroots.Resident: -1}},
		"weight for a non-rater": {IndicatorPartyWeights: map[string]map[grassroots.Party]decimal.Decimal{"serve": {grassroots.Provider: one}}},
		"weights for a non-leaf": {IndicatorPartyWeights: map[string]map[grassroots.Party]decimal.Decimal{"nope": {}}},
		"invalid survey party":   {SurveyParties: []grassroots.Party{0}},
		"negative scale":         {Scale: -2},
		"negative party weight":  {PartyWeights: map[grassroots.Party]decimal.Decimal{grassroots.Resident: d("-1")}},
	} {
		_, err := Aggregate(s, ratings, opts)
		assert.Error(t, err, name)
	}
}
