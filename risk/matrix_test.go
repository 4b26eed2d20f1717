package risk

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// The 25 cells of NIST SP 800-30 Rev. 1, Table I-2, written out row by row
// from the publication (rows: likelihood; columns: impact; both very low →
// very high). Cross-checked against the reproduction of the table in
// github.com/reviczky/northumbria, modules/governance/register.md.
func TestNIST80030AllCells(t *testing.T) {
	const (
		VL, L, M, H, VH = VeryLow, Low, Moderate, High, VeryHigh
	)
	want := [5][5]Level{
		{VL, VL, VL, L, L},
		{VL, L, L, L, M},
		{VL, L, M, M, H},
		{VL, L, M, H, VH},
		{VL, L, M, H, VH},
	}
	m := NIST80030()
	for l := 1; l <= 5; l++ {
		for i := 1; i <= 5; i++ {
			got, err := m.Level(l, i)
			require.NoError(t, err, "likelihood %d impact %d", l, i)
			assert.Equal(t, want[l-1][i-1], got, "likelihood %s impact %s", Level(l), Level(i))
		}
	}
}

// The 25 cells of NIST SP 800-30 Rev. 1, Table G-5 (overall likelihood),
// written out row by row from the publication (rows: likelihood of threat
// event initiation or occurrence; columns: likelihood that the event
// results in adverse impacts; both very low → very high). Cross-checked
// against a reproduction of the table in a public risk-assessment guide
// (markdown "TABLE G-5: ASSESSMENT SCALE – OVERALL LIKELIHOOD").
func TestNIST80030LikelihoodAllCells(t *testing.T) {
	const (
		VL, L, M, H, VH = VeryLow, Low, Moderate, High, VeryHigh
	)
	want := [5][5]Level{
		{VL, VL, L, L, L},
		{VL, L, L, M, M},
		{L, L, M, M, H},
		{L, M, M, H, VH},
		{L, M, H, VH, VH},
	}
	m := NIST80030Likelihood()
	require.NoError(t, m.Validate())
	for l := 1; l <= 5; l++ {
		for i := 1; i <= 5; i++ {
			got, err := m.Level(l, i)
			require.NoError(t, err, "initiation %d adverse impact %d", l, i)
			assert.Equal(t, want[l-1][i-1], got, "initiation %s, adverse impact %s", Level(l), Level(i))
			swapped, err := m.Level(i, l)
			require.NoError(t, err)
			assert.Equal(t, got, swapped, "Table G-5 is symmetric: %s and %s", Level(l), Level(i))
		}
	}
	_, err := m.Level(0, 3)
	assert.ErrorIs(t, err, ErrOutOfRange)
}

// Table G-5 feeds Table I-2: a likely threat event (high) that seldom
// harms (low) is moderately likely overall; with a very high impact that
// is a high risk.
func TestNIST80030LikelihoodFeedsLevelOfRisk(t *testing.T) {
	overall, err := NIST80030Likelihood().Level(int(High), int(Low))
	require.NoError(t, err)
	assert.Equal(t, Moderate, overall)
	level, err := NIST80030().Level(int(overall), int(VeryHigh))
	require.NoError(t, err)
	assert.Equal(t, High, level)
}

func TestNIST80030IsNotSymmetric(t *testing.T) {
	m := NIST80030()
	lowLikelyHighImpact, err := m.Level(2, 5)
	require.NoError(t, err)
	highLikelyLowImpact, err := m.Level(5, 2)
	require.NoError(t, err)
	assert.Equal(t, Moderate, lowLikelyHighImpact, "likelihood low, impact very high")
	assert.Equal(t, Low, highLikelyLowImpact, "likelihood very high, impact low")
}

// Table I-3 bins at every boundary, including the gaps between the printed
// integer ranges.
func TestNIST80030ScaleBoundaries(t *testing.T) {
	s := NIST80030Scale()
	cases := []struct {
		score string
		want  Level
	}{
		{"0", VeryLow}, {"4", VeryLow}, {"4.99", VeryLow},
		{"5", Low}, {"20", Low}, {"20.5", Low},
		{"21", Moderate}, {"79", Moderate}, {"79.99", Moderate},
		{"80", High}, {"95", High}, {"95.5", High},
		{"96", VeryHigh}, {"100", VeryHigh},
	}
	for _, c := range cases {
		got, err := s.Level(dec(c.score))
		require.NoError(t, err, "score %s", c.score)
		assert.Equal(t, c.want, got, "score %s", c.score)
	}
	for _, bad := range []string{"-0.01", "100.01", "-5", "101"} {
		_, err := s.Level(dec(bad))
		assert.ErrorIs(t, err, ErrOutOfRange, "score %s", bad)
	}
}

func TestProduct5x5BandEdges(t *testing.T) {
	m := Product5x5()
	cases := []struct {
		l, i int
		want Level
	}{
		{1, 1, VeryLow}, {1, 2, VeryLow}, // 1, 2
		{1, 3, Low}, {2, 2, Low}, // 3, 4
		{1, 5, Moderate}, {3, 3, Moderate}, // 5, 9
		{2, 5, High}, {4, 4, High}, // 10, 16
		{4, 5, VeryHigh}, {5, 5, VeryHigh}, // 20, 25
	}
	for _, c := range cases {
		got, err := m.Level(c.l, c.i)
		require.NoError(t, err, "%d×%d", c.l, c.i)
		assert.Equal(t, c.want, got, "%d×%d = %d", c.l, c.i, c.l*c.i)
	}
}

func TestOutOfRangeRatingsRejected(t *testing.T) {
	for _, m := range []Matrix{NIST80030(), Product5x5()} {
		for _, r := range [][2]int{{0, 1}, {1, 0}, {6, 1}, {1, 6}, {-1, 3}, {3, 100}} {
			_, err := m.Level(r[0], r[1])
			var re *RangeError
			require.ErrorAs(t, err, &re, "%s %v", m.Name, r)
			assert.ErrorIs(t, err, ErrOutOfRange, "%s %v", m.Name, r)
			_, err = m.Normalized(r[0], r[1])
			assert.ErrorIs(t, err, ErrOutOfRange, "normalized %s %v", m.Name, r)
		}
	}
}

func TestNormalizedZeroToTen(t *testing.T) {
	m := Product5x5()
	cases := []struct {
		l, i int
		want string
	}{{1, 1, "0"}, {5, 5, "10"}, {3, 3, "3.33"}, {2, 3, "2.08"}} // 80/24 = 3.333…, 50/24 = 2.0833…
	for _, c := range cases {
		got, err := m.Normalized(c.l, c.i)
		require.NoError(t, err)
		assert.True(t, got.Equal(dec(c.want)), "%d×%d: got %s want %s", c.l, c.i, got, c.want)
	}
}

func TestMatrixValidate(t *testing.T) {
	cases := map[string]Matrix{
		"no name":          {Likelihoods: 1, Impacts: 1, Bands: []Band{{1, Low}}},
		"neither":          {Name: "x", Likelihoods: 1, Impacts: 1},
		"both":             {Name: "x", Likelihoods: 1, Impacts: 1, Bands: []Band{{1, Low}}, Cells: [][]Level{{Low}}},
		"ragged":           {Name: "x", Likelihoods: 2, Impacts: 2, Cells: [][]Level{{Low, Low}, {Low}}},
		"bad level":        {Name: "x", Likelihoods: 1, Impacts: 1, Cells: [][]Level{{9}}},
		"band not from 1":  {Name: "x", Likelihoods: 2, Impacts: 2, Bands: []Band{{2, Low}}},
		"bands not rising": {Name: "x", Likelihoods: 2, Impacts: 2, Bands: []Band{{1, Low}, {1, High}}},
		"zero size":        {Name: "x", Likelihoods: 0, Impacts: 1, Bands: []Band{{1, Low}}},
	}
	for name, m := range cases {
		err := m.Validate()
		assert.ErrorIs(t, err, ErrInvalidMatrix, name)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, name)
		_, err = m.Level(1, 1)
		assert.Error(t, err, name)
	}
	require.NoError(t, NIST80030().Validate())
	require.NoError(t, Product5x5().Validate())
	require.NoError(t, NIST80030Scale().Validate())
}

func TestResidualNeverAboveCurrent(t *testing.T) {
	m := NIST80030()
	a, err := m.Assess(4, 4, 2, 4)
	require.NoError(t, err)
	assert.Equal(t, High, a.Current.Level)
	assert.Equal(t, Low, a.Residual.Level)

	_, err = m.Assess(2, 2, 3, 2)
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve, "residual likelihood above current")
	assert.True(t, ve.Has("residual.likelihood"))

	// A hand-made lookup where a lower rating gives a higher level.
	odd := Matrix{Name: "odd", Likelihoods: 2, Impacts: 1, Cells: [][]Level{{High}, {Low}}}
	_, err = odd.Assess(2, 1, 1, 1)
	require.ErrorAs(t, err, &ve, "residual level above current")
	assert.True(t, ve.Has("residual.level"))
}

func TestScaleAssessRemovedByControls(t *testing.T) {
	s := NIST80030Scale()
	a, err := s.Assess(dec("90"), dec("30"))
	require.NoError(t, err)
	assert.Equal(t, High, a.Current.Level)
	assert.True(t, a.Residual.Score.Equal(dec("63")), "30 %% removed from 90 leaves 63, got %s", a.Residual.Score)
	assert.Equal(t, Moderate, a.Residual.Level)

	none, err := s.Assess(dec("90"), decimal.Zero)
	require.NoError(t, err)
	assert.True(t, none.Residual.Score.Equal(dec("90")), "nothing removed leaves the current score")
	all, err := s.Assess(dec("90"), dec("100"))
	require.NoError(t, err)
	assert.True(t, all.Residual.Score.IsZero(), "everything removed leaves nothing")

	for _, p := range []string{"-1", "100.5"} {
		_, err := s.Assess(dec("50"), dec(p))
		assert.ErrorIs(t, err, ErrOutOfRange, "percent %s", p)
	}
	bad := Assessment{Method: "x", Current: Rating{Score: dec("10"), Level: Low}, Residual: Rating{Score: dec("11"), Level: Low}}
	var ve *grassroots.ValidationError
	require.ErrorAs(t, bad.Validate(), &ve)
	assert.True(t, ve.Has("residual.score"))
}

func TestAlertLevels(t *testing.T) {
	assert.True(t, AlertI.Above(AlertII), "I is above II")
	assert.True(t, AlertIII.Above(AlertIV), "III is above IV")
	assert.False(t, AlertIV.Above(AlertI), "IV is not above I")
	assert.True(t, AlertIV.Above(0), "any alert is above none")
	assert.False(t, AlertLevel(0).Above(AlertIV), "none is above nothing")
	assert.Equal(t, []string{"red", "orange", "yellow", "blue"},
		[]string{AlertI.Colour(), AlertII.Colour(), AlertIII.Colour(), AlertIV.Colour()})
	assert.Equal(t, "II", AlertII.Roman())
	assert.Equal(t, "AlertLevel(5)", AlertLevel(5).String())
	for _, a := range AlertLevels() {
		assert.NotEqual(t, "green", a.Colour(), "no green level")
	}

	m := DefaultAlertMapping()
	require.NoError(t, m.Validate())
	want := map[Level]AlertLevel{VeryHigh: AlertI, High: AlertII, Moderate: AlertIII, Low: AlertIV}
	for _, l := range Levels() {
		got, ok := m.For(l)
		assert.Equal(t, want[l], got, "level %s", l)
		assert.Equal(t, l != VeryLow, ok, "level %s", l)
	}
	inverted := AlertMapping{VeryHigh: AlertIV, High: AlertI}
	var ve *grassroots.ValidationError
	require.ErrorAs(t, inverted.Validate(), &ve, "higher level with lower alert")
	assert.True(t, ve.Has("very_high"))
}

func TestCategoryCodes(t *testing.T) {
	for _, c := range Categories() {
		assert.NoError(t, c.Validate(), string(c))
		assert.True(t, c.IsPredefined(), string(c))
	}
	custom, err := ParseCategory("flood_control")
	require.NoError(t, err)
	assert.False(t, custom.IsPredefined())
	for _, bad := range []string{"", "Flood", "flood-control", "_x", "x_", "a__b", "9lives", "é"} {
		_, err := ParseCategory(bad)
		assert.True(t, errors.Is(err, ErrInvalidCategory), "%q", bad)
	}
}

func TestScaleValidate(t *testing.T) {
	cases := map[string]Scale{
		"no name":       {Max: dec("100"), Bins: []Bin{{Min: dec("0"), Level: Low}}},
		"no bins":       {Name: "s", Max: dec("100")},
		"first not 0":   {Name: "s", Max: dec("100"), Bins: []Bin{{Min: dec("1"), Level: Low}}},
		"not ascending": {Name: "s", Max: dec("100"), Bins: []Bin{{Min: dec("0"), Level: Low}, {Min: dec("0"), Level: High}}},
		"bin above max": {Name: "s", Max: dec("10"), Bins: []Bin{{Min: dec("0"), Level: Low}, {Min: dec("11"), Level: High}}},
		"zero max":      {Name: "s", Bins: []Bin{{Min: dec("0"), Level: Low}}},
		"invalid level": {Name: "s", Max: dec("100"), Bins: []Bin{{Min: dec("0")}}},
	}
	for name, s := range cases {
		assert.ErrorIs(t, s.Validate(), ErrInvalidMatrix, name)
		_, err := s.Level(dec("1"))
		assert.Error(t, err, name)
	}
}

func TestCustomAlertMapping(t *testing.T) {
	// A district that warns only from "high" up, and at level I only for
	// "very high".
	m := AlertMapping{VeryHigh: AlertI, High: AlertIII}
	require.NoError(t, m.Validate())
	for l, want := range map[Level]AlertLevel{VeryHigh: AlertI, High: AlertIII, Moderate: 0, Low: 0, VeryLow: 0} {
		got, ok := m.For(l)
		assert.Equal(t, want, got, "level %s", l)
		assert.Equal(t, want != 0, ok, "level %s", l)
	}
	_, ok := m.For(Level(0))
	assert.False(t, ok, "invalid level")
}

// A MatrixError built by hand without its problems still has a message.
func TestMatrixErrorWithoutProblems(t *testing.T) {
	e := &MatrixError{Name: "x"}
	assert.Contains(t, e.Error(), `"x"`)
}
