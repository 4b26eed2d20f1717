package risk

import (
	"testing"

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
