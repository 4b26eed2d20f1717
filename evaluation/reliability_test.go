package evaluation

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var nan = math.NaN()

// Krippendorff, K. (2011), "Computing Krippendorff's Alpha-Reliability",
// University of Pennsylvania, section C onwards: 4 observers, 12 units,
// values 1–5 with missing data. Published: nominal α = 0.743, ordinal
// 0.815, interval 0.849, ratio 0.797. Unit 12 has a single value and is
// not pairable.
var krippendorffData = [][]float64{
	{1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan},
	{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3},
	{nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan},
	{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan},
}

func TestKrippendorffAlphaReproducesKrippendorff2011(t *testing.T) {
	for level, want := range map[Level]string{Nominal: "0.743", Ordinal: "0.815", Interval: "0.849", Ratio: "0.797"} {
		a, err := KrippendorffAlpha(krippendorffData, level, ReliabilityOptions{Scale: 8})
		require.NoError(t, err, "%v", level)
		assertDecimal(t, want, a.Value, level.String())
		assert.Equal(t, 11, a.Units)
		assert.Equal(t, 40, a.Pairable)
	}
}

// The worked example of the English Wikipedia article "Krippendorff's
// alpha" (3 coders, 15 units, missing values): nominal α = 0.691,
// interval α = 0.811.
func TestKrippendorffAlphaReproducesTheWikipediaExample(t *testing.T) {
	data := [][]float64{
		{nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3},
		{1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan},
		{nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4},
	}
	for level, want := range map[Level]string{Nominal: "0.691", Interval: "0.811"} {
		a, err := KrippendorffAlpha(data, level, ReliabilityOptions{Scale: 8})
		require.NoError(t, err)
		assertDecimal(t, want, a.Value, level.String())
	}
}

func TestKrippendorffAlphaPerfectAgreementIsOne(t *testing.T) {
	data := [][]float64{{1, 2, 3, nan}, {1, 2, 3, 4}, {1, nan, 3, 4}}
	for _, level := range []Level{Nominal, Ordinal, Interval, Ratio} {
		a, err := KrippendorffAlpha(data, level, ReliabilityOptions{})
		require.NoError(t, err)
		assert.True(t, a.Value.Equal(one), "%v: %s", level, a.Value)
	}
}

func TestKrippendorffAlphaIgnoresRaterAndUnitOrder(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 13))
	data := make([][]float64, 5)
	for r := range data {
		for range 30 {
			v := float64(1 + rng.IntN(5))
			if rng.IntN(6) == 0 {
				v = nan
			}
			data[r] = append(data[r], v)
		}
	}
	for _, level := range []Level{Nominal, Ordinal, Interval, Ratio} {
		a, err := KrippendorffAlpha(data, level, ReliabilityOptions{})
		require.NoError(t, err)
		perm := rng.Perm(30)
		shuffled := make([][]float64, len(data))
		for r := range data {
			shuffled[len(data)-1-r] = make([]float64, 30)
			for u, p := range perm {
				shuffled[len(data)-1-r][u] = data[r][p]
			}
		}
		b, err := KrippendorffAlpha(shuffled, level, ReliabilityOptions{})
		require.NoError(t, err)
		assert.True(t, a.Value.Equal(b.Value), "%v: %s vs %s", level, a.Value, b.Value)
	}
}

func TestKrippendorffAlphaRejectsBadInput(t *testing.T) {
	tests := []struct {
		name  string
		data  [][]float64
		level Level
		want  error
	}{
		{"no level", krippendorffData, 0, ErrOption},
		{"empty", nil, Nominal, ErrShape},
		{"ragged", [][]float64{{1, 2}, {1}}, Nominal, ErrShape},
		{"infinite", [][]float64{{1, math.Inf(1)}, {1, 2}}, Interval, ErrValue},
		{"negative ratio", [][]float64{{1, -2}, {1, 2}}, Ratio, ErrValue},
		{"nothing pairable", [][]float64{{1, nan}, {nan, 2}}, Nominal, ErrDegenerate},
		{"no variation", [][]float64{{3, 3}, {3, 3}}, Interval, ErrDegenerate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := KrippendorffAlpha(tt.data, tt.level, ReliabilityOptions{})
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

// Baidu Baike, "肯德尔和谐系数" (mirrored at newton.com.tw/wiki/肯德爾和諧係數):
// example 1, six teachers rank six papers without ties, W = 0.87;
// example 2, three experts with tied ranks, W = 0.85 with the tie
// correction (T = 6 and 12 for the two raters with ties).
func TestKendallWReproducesTheBaikeExamples(t *testing.T) {
	ex1 := [][]float64{{3, 1, 2, 5, 4, 6}, {2, 1, 3, 4, 5, 6}, {3, 2, 1, 5, 4, 6}, {4, 1, 2, 6, 3, 5}, {3, 1, 2, 6, 4, 5}, {4, 2, 1, 5, 3, 6}}
	w, err := KendallW(ex1, ReliabilityOptions{})
	require.NoError(t, err)
	assertDecimal(t, "0.87", w.W, "example 1")
	assert.True(t, w.W.Equal(d("0.8667")), "exactly 13/15 = 0.8667: %s", w.W)
	assert.Equal(t, 5, w.DF)

	ex2 := [][]float64{{1, 4, 2.5, 5, 6, 2.5}, {2, 3, 1, 5, 6, 4}, {1.5, 3, 1.5, 4, 5.5, 5.5}}
	w, err = KendallW(ex2, ReliabilityOptions{})
	require.NoError(t, err)
	assertDecimal(t, "0.85", w.W, "example 2")
	assert.True(t, w.W.Equal(d("0.8497")), "exactly 1560/1836: %s", w.W)
	assert.True(t, w.ChiSquare.Equal(d("12.7451")), "χ² = m(n−1)W = 3·5·1560/1836: %s", w.ChiSquare)
}

func TestKendallWRanksScoresNotOnlyRanks(t *testing.T) {
	// Scores on any scale give the same W as their ranks.
	ranks, err := KendallW([][]float64{{1, 2, 3}, {1, 3, 2}}, ReliabilityOptions{})
	require.NoError(t, err)
	scores, err := KendallW([][]float64{{10, 55, 90}, {0.1, 9.5, 3}}, ReliabilityOptions{})
	require.NoError(t, err)
	assert.True(t, ranks.W.Equal(scores.W))
	perfect, err := KendallW([][]float64{{1, 2, 3, 4}, {10, 20, 30, 40}, {5, 6, 7, 8}}, ReliabilityOptions{})
	require.NoError(t, err)
	assert.True(t, perfect.W.Equal(one), "%s", perfect.W)
}

func TestKendallWRejectsBadInput(t *testing.T) {
	for name, data := range map[string][][]float64{
		"one rater":     {{1, 2}},
		"one object":    {{1}, {1}},
		"ragged":        {{1, 2}, {1}},
		"missing value": {{1, nan}, {1, 2}},
		"all tied":      {{1, 1}, {2, 2}},
	} {
		_, err := KendallW(data, ReliabilityOptions{})
		assert.Error(t, err, name)
	}
}

func BenchmarkKrippendorffAlpha(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	const raters, units = 10, 1000
	data := make([][]float64, raters)
	for r := range data {
		data[r] = make([]float64, units)
		for u := range data[r] {
			data[r][u] = float64(1 + rng.IntN(5))
			if rng.IntN(10) == 0 {
				data[r][u] = nan
			}
		}
	}
	for _, level := range []Level{Nominal, Ordinal, Interval, Ratio} {
		b.Run(fmt.Sprintf("raters=%d/units=%d/level=%v", raters, units, level), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := KrippendorffAlpha(data, level, ReliabilityOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
