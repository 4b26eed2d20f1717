package evaluation

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Xu, X. (2004), "A note on the subjective and objective integrated
// approach to determine attribute weights", European Journal of
// Operational Research 156(2): 530–532: entropy weights of a 4×4 decision
// matrix, 0.4630, 0.3992, 0.1378, 0.0000.
func TestEntropyWeightsReproduceXu2004(t *testing.T) {
	x := matrix([]float64{30, 30, 38, 29}, []float64{19, 54, 86, 29}, []float64{19, 15, 85, 28.9}, []float64{68, 70, 60, 29})
	r, err := EntropyWeights(x, WeightOptions{Scale: 8})
	require.NoError(t, err)
	assertDecimals(t, []string{"0.4630", "0.3992", "0.1378", "0.0000"}, r.Weights, "Xu 2004")
}

func TestEntropyWeightsZeroRule(t *testing.T) {
	// Column 1 is one-hot: p = (1, 0, 0), entropy 0 under 0·ln 0 = 0, so it
	// takes all the weight. Column 2 is constant (entropy 1) and column 3
	// all zeros (entropy 1 by rule): both weigh nothing.
	x := matrix([]float64{5, 2, 0}, []float64{0, 2, 0}, []float64{0, 2, 0})
	r, err := EntropyWeights(x, WeightOptions{})
	require.NoError(t, err)
	assertDecimals(t, []string{"1", "0", "0"}, r.Weights, "weights")
	assertDecimals(t, []string{"0", "1", "1"}, r.Entropy, "entropies")
}

func TestEntropyWeightsRejectBadInput(t *testing.T) {
	tests := []struct {
		name string
		x    [][]decimal.Decimal
		want error
	}{
		{"empty", nil, ErrShape},
		{"one alternative", matrix([]float64{1, 2}), ErrShape},
		{"ragged", [][]decimal.Decimal{ds("1", "2"), ds("1")}, ErrShape},
		{"negative", matrix([]float64{1, -2}, []float64{1, 2}), ErrValue},
		{"nothing varies", matrix([]float64{1, 2}, []float64{1, 2}), ErrDegenerate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := EntropyWeights(tt.x, WeightOptions{})
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

// Tuş, A. and Aytaç Adalı, E. (2019), "The new combination with CRITIC and
// WASPAS methods for the time and attendance software selection problem",
// OPSEARCH 56(2): 528–538: CRITIC weights 0.157, 0.249, 0.168, 0.121,
// 0.154, 0.151. These published figures come out when every criterion is
// min–max normalised as a benefit; with the first criterion (price) taken
// as a cost its correlations change sign and the weights differ, which the
// second half of the test pins down.
func TestCRITICReproducesTusAndAytacAdali2019(t *testing.T) {
	x := matrix([]float64{5000, 3, 3, 4, 3, 2}, []float64{680, 5, 3, 2, 2, 1}, []float64{2000, 3, 2, 3, 4, 3},
		[]float64{600, 4, 3, 1, 2, 2}, []float64{800, 2, 4, 3, 3, 4})
	benefit := []Direction{Benefit, Benefit, Benefit, Benefit, Benefit, Benefit}
	r, err := CRITIC(x, benefit, WeightOptions{Scale: 8})
	require.NoError(t, err)
	assertDecimals(t, []string{"0.157", "0.249", "0.168", "0.121", "0.154", "0.151"}, r.Weights, "published CRITIC weights")

	withCost := append([]Direction{Cost}, benefit[1:]...)
	c, err := CRITIC(x, withCost, WeightOptions{Scale: 8})
	require.NoError(t, err)
	assertDecimals(t, []string{"0.184", "0.213", "0.142", "0.158", "0.168", "0.134"}, c.Weights, "price as a cost")
	for j := range r.StdDev {
		assert.True(t, r.StdDev[j].Equal(c.StdDev[j]), "reflecting a column keeps its spread (criterion %d)", j)
	}
}

func TestCRITICConstantCriterionWeighsNothing(t *testing.T) {
	x := matrix([]float64{1, 7, 3}, []float64{2, 7, 1}, []float64{3, 7, 2})
	r, err := CRITIC(x, []Direction{Benefit, Benefit, Cost}, WeightOptions{})
	require.NoError(t, err)
	assert.True(t, r.Weights[1].IsZero())
	_, err = CRITIC(matrix([]float64{1, 1}, []float64{1, 1}), []Direction{Benefit, Benefit}, WeightOptions{})
	assert.ErrorIs(t, err, ErrDegenerate)
	_, err = CRITIC(x, []Direction{Benefit}, WeightOptions{})
	assert.ErrorIs(t, err, ErrShape)
	_, err = CRITIC(x, []Direction{Benefit, 0, Cost}, WeightOptions{})
	assert.ErrorIs(t, err, ErrValue)
}

func TestObjectiveWeightsIgnoreAlternativeOrder(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 11))
	x := make([][]decimal.Decimal, 8)
	for i := range x {
		for range 4 {
			x[i] = append(x[i], decimal.New(int64(1+rng.IntN(1000)), -1))
		}
	}
	dirs := []Direction{Benefit, Cost, Benefit, Cost}
	e1, err := EntropyWeights(x, WeightOptions{})
	require.NoError(t, err)
	c1, err := CRITIC(x, dirs, WeightOptions{})
	require.NoError(t, err)
	y := append([][]decimal.Decimal(nil), x...)
	rng.Shuffle(len(y), func(i, j int) { y[i], y[j] = y[j], y[i] })
	e2, err := EntropyWeights(y, WeightOptions{})
	require.NoError(t, err)
	c2, err := CRITIC(y, dirs, WeightOptions{})
	require.NoError(t, err)
	// Sums run in a different order after shuffling, so the last float bit
	// may differ; four places must not.
	for j := range e1.Weights {
		assert.True(t, e1.Weights[j].Equal(e2.Weights[j]), "entropy weight %d", j)
		assert.True(t, c1.Weights[j].Equal(c2.Weights[j]), "CRITIC weight %d", j)
	}
}

func TestNormalizeWeightsSumsToExactlyOne(t *testing.T) {
	w, err := NormalizeWeights(ds("1", "1", "1"), 4)
	require.NoError(t, err)
	// 1/3 each: 0.3333 ×3 leaves one unit, which goes to the first
	// (all remainders tie).
	assertDecimals(t, []string{"0.3334", "0.3333", "0.3333"}, w, "thirds")
	w, err = NormalizeWeights(ds("2", "1", "0"), 2)
	require.NoError(t, err)
	assertDecimals(t, []string{"0.67", "0.33", "0.00"}, w, "2:1:0")
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 5))
	for range 200 {
		n := 1 + rng.IntN(12)
		in := make([]decimal.Decimal, n)
		for i := range in {
			in[i] = decimal.New(int64(rng.IntN(10000)), -int32(rng.IntN(4)))
		}
		in[0] = in[0].Add(one)
		out, err := NormalizeWeights(in, 4)
		require.NoError(t, err)
		sum := decimal.Zero
		for _, x := range out {
			sum = sum.Add(x)
			assert.False(t, x.IsNegative())
		}
		assert.True(t, sum.Equal(one), "%v → %v sums to %s", in, out, sum)
	}
	_, err = NormalizeWeights(ds("0", "0"), 4)
	assert.ErrorIs(t, err, ErrDegenerate)
	_, err = NormalizeWeights(ds("1", "-1"), 4)
	assert.ErrorIs(t, err, ErrValue)
	_, err = NormalizeWeights(nil, 4)
	assert.ErrorIs(t, err, ErrDegenerate)
}
