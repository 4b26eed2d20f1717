package risk

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// fairlearnSamples is the worked example of the Fairlearn user guide,
// "Assessment" (fairlearn.org/main/user_guide/assessment.html,
// docs/user_guide/assessment.rst in github.com/fairlearn/fairlearn):
// 16 samples in groups a–d.
func fairlearnSamples() []Sample {
	yTrue := []int{0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1}
	yPred := []int{0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1}
	groups := []string{"d", "a", "c", "b", "b", "c", "c", "c", "b", "d", "c", "a", "b", "d", "c", "c"}
	out := make([]Sample, len(groups))
	for i := range groups {
		out[i] = Sample{Group: groups[i], Actual: yTrue[i] == 1, Predicted: yPred[i] == 1}
	}
	return out
}

// The guide reports recall (true-positive rate) by group a 0.0, b 0.5,
// c 0.75, d 0.0, a difference of 0.75 and a ratio of 0.0, and group sizes
// 2, 4, 7, 3.
func TestFairnessFairlearnExample(t *testing.T) {
	rep, err := Fairness(fairlearnSamples(), FairnessOptions{Metrics: MetricEqualOpportunity})
	require.NoError(t, err)
	wantTPR := map[string]string{"a": "0", "b": "0.5", "c": "0.75", "d": "0"}
	wantN := map[string]int{"a": 2, "b": 4, "c": 7, "d": 3}
	require.Len(t, rep.Groups, 4)
	for i, g := range rep.Groups {
		assert.Equal(t, string(rune('a'+i)), g.Group, "groups in name order")
		require.True(t, g.TruePositiveRate.Valid, g.Group)
		assert.True(t, g.TruePositiveRate.Decimal.Equal(dec(wantTPR[g.Group])), "TPR %s = %s", g.Group, g.TruePositiveRate.Decimal)
		assert.Equal(t, wantN[g.Group], g.Samples, g.Group)
	}
	assert.True(t, rep.EqualOpportunityDifference.Decimal.Equal(dec("0.75")), "difference %s", rep.EqualOpportunityDifference.Decimal)
	assert.False(t, rep.DemographicParityDifference.Valid, "not selected, so null")

	// Group b has no actual negatives: its false-positive rate, and so
	// equalized odds, is undefined, and that is an error, not a 0.
	_, err = Fairness(fairlearnSamples(), FairnessOptions{Metrics: MetricEqualizedOdds})
	var ure *UndefinedRateError
	require.ErrorAs(t, err, &ure)
	assert.Equal(t, "b", ure.Group)
	assert.Equal(t, "false_positive_rate", ure.Rate)
}

// Selection rates of the same example, counted by hand: a 1/2, b 2/4,
// c 5/7, d 1/3; parity difference 5/7 − 1/3 = 8/21 = 0.380952…, ratio
// (1/3)/(5/7) = 7/15 = 0.466667 (6 places, half away from zero).
func TestFairnessDemographicParity(t *testing.T) {
	rep, err := Fairness(fairlearnSamples(), FairnessOptions{Metrics: MetricDemographicParity})
	require.NoError(t, err)
	want := map[string]string{"a": "0.5", "b": "0.5", "c": "0.714286", "d": "0.333333"}
	for _, g := range rep.Groups {
		assert.True(t, g.SelectionRate.Equal(dec(want[g.Group])), "%s: %s", g.Group, g.SelectionRate)
	}
	assert.True(t, rep.DemographicParityDifference.Decimal.Equal(dec("0.380952")), "%s", rep.DemographicParityDifference.Decimal)
	assert.True(t, rep.DemographicParityRatio.Decimal.Equal(dec("0.466667")), "%s", rep.DemographicParityRatio.Decimal)
}

func samplesWith(group string, n, selected, positives, truePositives int) []Sample {
	out := make([]Sample, 0, n)
	for i := range n {
		actual := i < positives
		var predicted bool
		if actual {
			predicted = i < truePositives
		} else {
			predicted = i-positives < selected-truePositives
		}
		out = append(out, Sample{Group: group, Actual: actual, Predicted: predicted})
	}
	return out
}

func TestFairnessEqualizedOdds(t *testing.T) {
	// x: TPR 8/10, FPR 2/10; y: TPR 6/10, FPR 1/10.
	samples := append(samplesWith("x", 20, 10, 10, 8), samplesWith("y", 20, 7, 10, 6)...)
	rep, err := Fairness(samples, FairnessOptions{Metrics: MetricEqualizedOdds | MetricEqualOpportunity})
	require.NoError(t, err)
	assert.True(t, rep.EqualOpportunityDifference.Decimal.Equal(dec("0.2")))
	assert.True(t, rep.EqualizedOddsDifference.Decimal.Equal(dec("0.2")), "max(0.2, 0.1)")
	assert.True(t, rep.EqualizedOddsRatio.Decimal.Equal(dec("0.5")), "min(0.75, 0.5)")
}

// The four-fifths rule flags a ratio below 0.8; exactly 0.8 is not
// flagged. 4/10 against 5/10 is exactly 0.8 (and 0.8 is not exact in
// binary floating point, which is why the comparison is on fractions).
func TestFourFifthsBoundary(t *testing.T) {
	cases := []struct {
		name              string
		selected, n       int
		refSelected, refN int
		flagged           bool
		ratio             string
	}{
		{"exactly four fifths", 4, 10, 5, 10, false, "0.8"},
		{"just below", 79, 100, 100, 100, true, "0.79"},
		{"one in a million below", 799999, 1000000, 1000000, 1000000, true, "0.799999"},
		{"above", 9, 10, 10, 10, false, "0.9"},
		{"favoured group", 10, 10, 5, 10, false, "2"},
		{"three fifths of a third", 1, 5, 1, 3, true, "0.6"},
	}
	for _, c := range cases {
		samples := append(samplesWith("g", c.n, c.selected, 0, 0), samplesWith("ref", c.refN, c.refSelected, 0, 0)...)
		rep, err := Fairness(samples, FairnessOptions{Metrics: MetricDisparateImpact, Reference: "ref"})
		require.NoError(t, err, c.name)
		require.Len(t, rep.DisparateImpact, 1, c.name)
		di := rep.DisparateImpact[0]
		assert.Equal(t, c.flagged, di.Flagged, c.name)
		assert.Equal(t, c.flagged, rep.Flagged, c.name)
		assert.True(t, di.Ratio.Equal(dec(c.ratio)), "%s: ratio %s", c.name, di.Ratio)
	}
	samples := append(samplesWith("g", 10, 4, 0, 0), samplesWith("ref", 10, 5, 0, 0)...)
	rep, err := Fairness(samples, FairnessOptions{Metrics: MetricDisparateImpact, Reference: "ref"})
	require.NoError(t, err)
	assert.True(t, rep.DisparateImpact[0].Difference.Equal(dec("-0.1")), "signed: group − reference")
}

func TestFairnessErrors(t *testing.T) {
	_, err := Fairness(nil, FairnessOptions{Metrics: MetricDemographicParity})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "no samples")

	_, err = Fairness([]Sample{{Group: ""}}, FairnessOptions{Metrics: MetricDemographicParity})
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("samples[0].group"))

	_, err = Fairness(samplesWith("a", 3, 1, 0, 0), FairnessOptions{Metrics: MetricDemographicParity, Groups: []string{"a", "b"}})
	var ege *EmptyGroupError
	require.ErrorAs(t, err, &ege, "listed group without samples")
	assert.Equal(t, "b", ege.Group)

	_, err = Fairness(samplesWith("a", 3, 1, 0, 0), FairnessOptions{Metrics: MetricDisparateImpact, Reference: "ref"})
	assert.ErrorIs(t, err, ErrEmptyGroup, "reference group without samples")

	_, err = Fairness(samplesWith("a", 3, 1, 0, 0), FairnessOptions{Metrics: MetricDisparateImpact})
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("reference"))

	samples := append(samplesWith("a", 3, 1, 0, 0), samplesWith("ref", 3, 0, 0, 0)...)
	_, err = Fairness(samples, FairnessOptions{Metrics: MetricDisparateImpact, Reference: "ref"})
	var ure *UndefinedRateError
	require.ErrorAs(t, err, &ure, "reference selection rate zero")
	assert.Equal(t, "ref", ure.Group)

	nobody := append(samplesWith("a", 3, 0, 0, 0), samplesWith("b", 3, 0, 0, 0)...)
	_, err = Fairness(nobody, FairnessOptions{Metrics: MetricDemographicParity})
	require.ErrorAs(t, err, &ure, "nobody selected: ratio 0/0")
	assert.Equal(t, "demographic_parity_ratio", ure.Rate)

	_, err = Fairness(samplesWith("a", 3, 1, 0, 0), FairnessOptions{Metrics: MetricEqualOpportunity})
	require.ErrorAs(t, err, &ure, "no actual positives")
	assert.Equal(t, "true_positive_rate", ure.Rate)
}

// The four-fifths rule against the group with the highest rate, as the
// Uniform Guidelines read it (29 CFR 1607.4(D)): the reference is found,
// not named, and the report names it.
func TestFairnessHighestRateReference(t *testing.T) {
	samples := append(append(samplesWith("urban", 10, 4, 0, 0), samplesWith("rural", 10, 5, 0, 0)...), samplesWith("migrant", 10, 3, 0, 0)...)
	rep, err := Fairness(samples, FairnessOptions{Metrics: MetricDisparateImpact, ReferenceKind: ReferenceHighestRate})
	require.NoError(t, err)
	assert.Equal(t, "rural", rep.Reference, "the highest selection rate, 5/10")
	assert.Equal(t, ReferenceHighestRate, rep.ReferenceKind)
	require.Len(t, rep.DisparateImpact, 2)
	assert.Equal(t, "migrant", rep.DisparateImpact[0].Group)
	assert.True(t, rep.DisparateImpact[0].Ratio.Equal(dec("0.6")), "3/10 against 5/10: %s", rep.DisparateImpact[0].Ratio)
	assert.True(t, rep.DisparateImpact[0].Flagged)
	assert.True(t, rep.DisparateImpact[1].Ratio.Equal(dec("0.8")), "4/10 against 5/10")
	assert.False(t, rep.DisparateImpact[1].Flagged, "exactly four fifths is not flagged")

	named, err := Fairness(samples, FairnessOptions{Metrics: MetricDisparateImpact, Reference: "urban"})
	require.NoError(t, err)
	assert.Equal(t, ReferenceNamed, named.ReferenceKind, "the default reference is the named group")
	assert.Equal(t, "urban", named.Reference)
	assert.True(t, named.Flagged, "against urban's 4/10, migrant's 3/10 is 0.75, below four fifths: the reference decides")
}

func TestFairnessHighestRateTiesAndErrors(t *testing.T) {
	tied := append(append(samplesWith("b", 2, 1, 0, 0), samplesWith("a", 4, 2, 0, 0)...), samplesWith("c", 4, 1, 0, 0)...)
	rep, err := Fairness(tied, FairnessOptions{Metrics: MetricDisparateImpact, ReferenceKind: ReferenceHighestRate})
	require.NoError(t, err)
	assert.Equal(t, "a", rep.Reference, "of groups tied for the highest rate, the first by name, whatever the input order")

	_, err = Fairness(tied, FairnessOptions{Metrics: MetricDisparateImpact, ReferenceKind: ReferenceHighestRate, Reference: "a"})
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve, "a named reference with the highest-rate rule")
	assert.True(t, ve.Has("reference"))

	_, err = Fairness(tied, FairnessOptions{Metrics: MetricDisparateImpact, ReferenceKind: 9})
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("reference_kind"))

	nobody := append(samplesWith("a", 3, 0, 0, 0), samplesWith("b", 3, 0, 0, 0)...)
	_, err = Fairness(nobody, FairnessOptions{Metrics: MetricDisparateImpact, ReferenceKind: ReferenceHighestRate})
	var ure *UndefinedRateError
	require.ErrorAs(t, err, &ure, "nobody selected anywhere")
	assert.Equal(t, "disparate_impact_ratio", ure.Rate)
}

// Weighted samples: every rate is a weighted share, computed exactly.
func TestFairnessWeighted(t *testing.T) {
	w := func(group string, actual, predicted bool, weight string) Sample {
		return Sample{Group: group, Actual: actual, Predicted: predicted, Weight: dec(weight)}
	}
	samples := []Sample{
		w("x", true, true, "0.5"), w("x", true, false, "1.5"), w("x", false, true, "2"), w("x", false, false, "2"),
		w("y", true, true, "1"), w("y", true, false, "1"), w("y", false, true, "1"), w("y", false, false, "3"),
	}
	rep, err := Fairness(samples, FairnessOptions{Weighted: true, ReferenceKind: ReferenceHighestRate})
	require.NoError(t, err)
	assert.True(t, rep.Weighted)
	x, y := rep.Groups[0], rep.Groups[1]
	assert.True(t, x.SelectionRate.Equal(dec("0.416667")), "x: 2.5 of 6, 6 places: %s", x.SelectionRate)
	assert.True(t, y.SelectionRate.Equal(dec("0.333333")), "y: 2 of 6: %s", y.SelectionRate)
	assert.True(t, x.TruePositiveRate.Decimal.Equal(dec("0.25")), "x: 0.5 of 2")
	assert.True(t, x.FalsePositiveRate.Decimal.Equal(dec("0.5")), "x: 2 of 4")
	assert.Equal(t, 4, x.Samples, "counts stay counts")
	require.NotNil(t, x.Weights)
	assert.True(t, x.Weights.Samples.Equal(dec("6")) && x.Weights.Selected.Equal(dec("2.5")), "weights %+v", x.Weights)
	assert.Equal(t, "x", rep.Reference)
	assert.True(t, rep.DisparateImpact[0].Ratio.Equal(dec("0.8")), "(2/6) / (2.5/6) = 0.8 exactly: %s", rep.DisparateImpact[0].Ratio)
	assert.False(t, rep.DisparateImpact[0].Flagged)

	// Weights of 1 give the unweighted answer.
	ones := make([]Sample, len(samples))
	plain := make([]Sample, len(samples))
	for i, s := range samples {
		s.Weight = dec("1")
		ones[i] = s
		s.Weight = decimal.Decimal{}
		plain[i] = s
	}
	a, err := Fairness(ones, FairnessOptions{Weighted: true, Reference: "x"})
	require.NoError(t, err)
	b, err := Fairness(plain, FairnessOptions{Reference: "x"})
	require.NoError(t, err)
	a.Weighted, a.Groups[0].Weights, a.Groups[1].Weights = false, nil, nil
	assert.Equal(t, jsonOf(t, b), jsonOf(t, a), "unit weights are the unweighted report")
}

func TestFairnessWeightErrors(t *testing.T) {
	_, err := Fairness([]Sample{{Group: "a", Predicted: true, Weight: dec("1")}, {Group: "b", Weight: dec("0")}, {Group: "b", Predicted: true, Weight: dec("0")}},
		FairnessOptions{Metrics: MetricDemographicParity, Weighted: true})
	var zw *ZeroWeightError
	require.ErrorAs(t, err, &zw, "a group of total weight 0")
	assert.Equal(t, "b", zw.Group)
	assert.Equal(t, 2, zw.Samples)

	var ve *grassroots.ValidationError
	_, err = Fairness([]Sample{{Group: "a", Weight: dec("-0.5")}}, FairnessOptions{Metrics: MetricDemographicParity, Weighted: true})
	require.ErrorAs(t, err, &ve, "a negative weight")
	assert.Equal(t, grassroots.RuleMin, ve.Fields[0].Rule)
	assert.Equal(t, "samples[0].weight", ve.Fields[0].Path)

	_, err = Fairness([]Sample{{Group: "a", Weight: dec("2")}}, FairnessOptions{Metrics: MetricDemographicParity})
	require.ErrorAs(t, err, &ve, "a weight without Weighted is refused, not ignored")
	assert.Equal(t, grassroots.RuleExcluded, ve.Fields[0].Rule)

	_, err = Fairness(samplesWith("a", 3, 1, 0, 0), FairnessOptions{Metrics: MetricDemographicParity, Groups: []string{"b"}})
	var ege *EmptyGroupError
	require.ErrorAs(t, err, &ege)
	assert.Equal(t, []string{"a"}, ege.Found, "the error lists the groups found")

	_, err = Fairness(samplesWith("a", 3, 1, 0, 0), FairnessOptions{Metrics: 0x30, Scale: 19})
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("metrics") && ve.Has("scale"), "%v", ve)
}
