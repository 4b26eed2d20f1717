package evaluation

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The training-course example in "关于模糊综合评价的矩阵算法"
// (www.wenku365.com/d-44813560.html): weights A = (0.2, 0.2, 0.2, 0.4),
// four indicators on five grades. With the min–max operator it gives
// B = (0.1, 0.2, 0.4, 0.3, 0.2), normalised (0.083, 0.167, 0.333, 0.250,
// 0.167). The same data under the weighted-average operator (the source's
// second method) give, by hand, B = (0.02, 0.14, 0.36, 0.34, 0.14).
var fuzzyCourseR = matrix(
	[]float64{0, 0.1, 0.2, 0.3, 0.4},
	[]float64{0.1, 0.1, 0.4, 0.2, 0.2},
	[]float64{0, 0.1, 0.2, 0.6, 0.1},
	[]float64{0, 0.2, 0.5, 0.3, 0},
)

func TestFuzzyEvaluateReproducesTheCourseExample(t *testing.T) {
	w := ds("0.2", "0.2", "0.2", "0.4")
	mm, err := FuzzyEvaluate(w, fuzzyCourseR, FuzzyOptions{Operator: MinMax})
	require.NoError(t, err)
	assertDecimals(t, []string{"0.1", "0.2", "0.4", "0.3", "0.2"}, mm.B, "M(∧,∨)")
	assert.Equal(t, 2, mm.Grade)
	norm, err := FuzzyEvaluate(w, fuzzyCourseR, FuzzyOptions{Operator: MinMax, Normalize: true, Scale: 8})
	require.NoError(t, err)
	assertDecimals(t, []string{"0.083", "0.167", "0.333", "0.250", "0.167"}, norm.B, "M(∧,∨) normalised")

	wa, err := FuzzyEvaluate(w, fuzzyCourseR, FuzzyOptions{Grades: []string{"A", "B", "C", "D", "E"}})
	require.NoError(t, err)
	assertDecimals(t, []string{"0.02", "0.14", "0.36", "0.34", "0.14"}, wa.B, "M(·,+)")
	assert.Equal(t, 2, wa.Grade)
	assert.Equal(t, "C", wa.GradeName)
	assert.False(t, wa.Tie)
}

func TestFuzzyEvaluateScoresAndTies(t *testing.T) {
	r := matrix([]float64{0.5, 0.5, 0}, []float64{0.5, 0.5, 0})
	res, err := FuzzyEvaluate(ds("0.5", "0.5"), r, FuzzyOptions{GradeScores: ds("90", "70", "50")})
	require.NoError(t, err)
	assert.True(t, res.Tie, "two grades share the largest membership")
	assert.Equal(t, 0, res.Grade, "the first of the tied grades")
	assertDecimal(t, "80", res.Score, "score (0.5·90 + 0.5·70)/1")
}

func TestFuzzyEvaluateTwoLevel(t *testing.T) {
	g1 := FuzzyGroup{Weights: ds("0.5", "0.5"), Membership: matrix([]float64{1, 0}, []float64{0, 1})}
	g2 := FuzzyGroup{Weights: ds("1"), Membership: matrix([]float64{0.2, 0.8})}
	res, err := FuzzyEvaluateTwoLevel(ds("0.6", "0.4"), []FuzzyGroup{g1, g2}, FuzzyOptions{})
	require.NoError(t, err)
	assertDecimals(t, []string{"0.5", "0.5"}, res.Groups[0].B, "group 1")
	// Level 2: 0.6·(0.5, 0.5) + 0.4·(0.2, 0.8) = (0.38, 0.62).
	assertDecimals(t, []string{"0.38", "0.62"}, res.Overall.B, "overall")
	assert.Equal(t, 1, res.Overall.Grade)
	_, err = FuzzyEvaluateTwoLevel(ds("1"), []FuzzyGroup{g1, g2}, FuzzyOptions{})
	assert.ErrorIs(t, err, ErrShape)
}

func TestFuzzyEvaluateRejectsBadInput(t *testing.T) {
	r := matrix([]float64{0.5, 0.5})
	tests := []struct {
		name string
		w    []decimal.Decimal
		r    [][]decimal.Decimal
		opts FuzzyOptions
		want error
	}{
		{"weights and rows differ", ds("0.5", "0.5"), r, FuzzyOptions{}, ErrShape},
		{"no grades", ds("1"), [][]decimal.Decimal{{}}, FuzzyOptions{}, ErrShape},
		{"membership above one", ds("1"), matrix([]float64{1.5, 0}), FuzzyOptions{}, ErrValue},
		{"negative weight", ds("-1"), r, FuzzyOptions{}, ErrValue},
		{"grade names count", ds("1"), r, FuzzyOptions{Grades: []string{"a"}}, ErrShape},
		{"grade scores count", ds("1"), r, FuzzyOptions{GradeScores: ds("1")}, ErrShape},
		{"unknown operator", ds("1"), r, FuzzyOptions{Operator: 5}, ErrOption},
		{"zero vector cannot be normalised", ds("0"), r, FuzzyOptions{Normalize: true}, ErrDegenerate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FuzzyEvaluate(tt.w, tt.r, tt.opts)
			assert.ErrorIs(t, err, tt.want)
		})
	}
}
