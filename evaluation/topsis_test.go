package evaluation

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Papathanasiou, J. and Ploskas, N. (2018), "TOPSIS", in Multiple Criteria
// Decision Aid, Springer Optimization and Its Applications 136, pp. 1–30:
// six alternatives, four benefit criteria, weights 0.4, 0.3, 0.1, 0.2;
// closeness 0.387, 0.327, 0.391, 0.615, 0.868, 0.493.
func TestTOPSISReproducesPapathanasiouPloskas2018(t *testing.T) {
	x := matrix([]float64{8, 7, 2, 1}, []float64{5, 3, 7, 5}, []float64{7, 5, 6, 4},
		[]float64{9, 9, 7, 3}, []float64{11, 10, 3, 7}, []float64{6, 9, 5, 4})
	r, err := TOPSIS(x, ds("0.4", "0.3", "0.1", "0.2"), []Direction{Benefit, Benefit, Benefit, Benefit}, TOPSISOptions{Scale: 8})
	require.NoError(t, err)
	assertDecimals(t, []string{"0.387", "0.327", "0.391", "0.615", "0.868", "0.493"}, r.Closeness, "closeness")
	assert.Equal(t, []int{5, 6, 4, 2, 1, 3}, r.Rank)
}

func TestTOPSISCostCriterionReversesPreference(t *testing.T) {
	x := matrix([]float64{1}, []float64{2}, []float64{3})
	for _, norm := range []Normalization{VectorNorm, MinMaxNorm} {
		b, err := TOPSIS(x, ds("1"), []Direction{Benefit}, TOPSISOptions{Normalization: norm})
		require.NoError(t, err)
		c, err := TOPSIS(x, ds("1"), []Direction{Cost}, TOPSISOptions{Normalization: norm})
		require.NoError(t, err)
		assert.Equal(t, []int{3, 2, 1}, b.Rank, "%v benefit", norm)
		assert.Equal(t, []int{1, 2, 3}, c.Rank, "%v cost", norm)
		assertDecimals(t, []string{"1", "0"}, []decimal.Decimal{b.Closeness[2], b.Closeness[0]}, "extremes")
	}
}

func TestTOPSISClosenessStaysInUnitInterval(t *testing.T) {
	x := matrix([]float64{250, 16, 12, 5}, []float64{200, 16, 8, 3}, []float64{300, 32, 16, 4}, []float64{275, 32, 8, 4}, []float64{225, 16, 16, 2})
	dirs := []Direction{Cost, Benefit, Benefit, Benefit}
	for _, norm := range []Normalization{VectorNorm, MinMaxNorm} {
		r, err := TOPSIS(x, ds("0.25", "0.25", "0.25", "0.25"), dirs, TOPSISOptions{Normalization: norm})
		require.NoError(t, err)
		for i, c := range r.Closeness {
			assert.True(t, !c.IsNegative() && c.LessThanOrEqual(one), "%v closeness %d = %s", norm, i, c)
		}
	}
}

func TestTOPSISRejectsBadInput(t *testing.T) {
	x := matrix([]float64{1, 2}, []float64{2, 1})
	dirs := []Direction{Benefit, Benefit}
	_, err := TOPSIS(x, ds("1"), dirs, TOPSISOptions{})
	assert.ErrorIs(t, err, ErrShape, "weight count")
	_, err = TOPSIS(x, ds("1", "-1"), dirs, TOPSISOptions{})
	assert.ErrorIs(t, err, ErrValue, "negative weight")
	_, err = TOPSIS(x, ds("1", "1"), dirs[:1], TOPSISOptions{})
	assert.ErrorIs(t, err, ErrShape, "direction count")
	_, err = TOPSIS(x, ds("1", "1"), dirs, TOPSISOptions{Normalization: 9})
	assert.ErrorIs(t, err, ErrOption)
	_, err = TOPSIS(matrix([]float64{1, 2}, []float64{1, 2}), ds("1", "1"), dirs, TOPSISOptions{})
	assert.ErrorIs(t, err, ErrDegenerate, "identical alternatives")
}
