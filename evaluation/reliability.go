package evaluation

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/enum"
)

// Level is the level of measurement of ratings, which decides how much
// two different values disagree in Krippendorff's alpha.
type Level uint8

// The levels of measurement, with the squared difference δ² of values c
// and k (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
const (
	// Nominal: δ² = 0 if c = k, else 1.
	Nominal Level = iota + 1
	// Ordinal: δ² = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², with n_g the number
	// of pairable values equal to g.
	Ordinal
	// Interval: δ² = (c − k)².
	Interval
	// Ratio: δ² = ((c − k)/(c + k))², for non-negative values.
	Ratio
)

var levelNames = enum.New[Level]("evaluation.Level", "nominal", "ordinal", "interval", "ratio")

// IsValid reports whether l is one of the Level values.
func (l Level) IsValid() bool { return levelNames.Valid(l) }

// String returns the wire name of l, or "Level(N)" for an invalid value.
func (l Level) String() string { return levelNames.String(l) }

// AppendText appends the wire name of l to b; an invalid value is an error.
func (l Level) AppendText(b []byte) ([]byte, error) { return levelNames.Append(b, l) }

// MarshalText returns the wire name of l; an invalid value is an error.
func (l Level) MarshalText() ([]byte, error) { return levelNames.Marshal(l) }

// UnmarshalText sets *l to the value named by b; on error *l is unchanged.
func (l *Level) UnmarshalText(b []byte) error { return levelNames.Unmarshal(l, b) }

// ParseLevel returns the Level named s; an unknown name is a *grassroots.UnknownNameError.
func ParseLevel(s string) (Level, error) { return levelNames.Parse(s) }

// maxAlphaMagnitude bounds values for KrippendorffAlpha: squared
// differences weighted by squared counts must stay finite.
const maxAlphaMagnitude = 1e100

// ReliabilityOptions configures KrippendorffAlpha and KendallW.
type ReliabilityOptions struct {
	// Scale is the number of decimal places of the results; zero means
	// DefaultScale.
	Scale int32
}

// Alpha is Krippendorff's alpha with the counts it rests on. Value,
// Observed and Expected are rounded to Scale places half away from zero
// from their float64 values, and given unrounded in the Exact fields (see
// AHPResult).
type Alpha struct {
	// Value is 1 − Do/De.
	Value      decimal.Decimal `json:"value"`
	ValueExact decimal.Decimal `json:"value_exact"`
	// Units is the number of units with at least two values (pairable).
	Units int `json:"units"`
	// Pairable is the number of values in those units (n).
	Pairable int `json:"pairable"`
	// Observed and Expected are the disagreements Do and De.
	Observed      decimal.Decimal `json:"observed"`
	ObservedExact decimal.Decimal `json:"observed_exact"`
	Expected      decimal.Decimal `json:"expected"`
	ExpectedExact decimal.Decimal `json:"expected_exact"`
	Precision
}

// KrippendorffAlpha measures the agreement of raters beyond chance.
// data[r][u] is rater r's value for unit u; NaN marks a missing value.
// Units with fewer than two values are not pairable and are ignored.
//
// With m_u values in unit u and n = Σ m_u over pairable units:
//
//	Do = Σ_u Σ_{i≠j} δ²(v_ui, v_uj) / (m_u − 1) / n
//	De = Σ_c Σ_k n_c·n_k·δ²(c, k) / (n·(n − 1))
//	α  = 1 − Do/De
//
// summed in float64 in unit, rater and sorted-value order. Values beyond
// ±1e100 (infinities included), negative values at the ratio level, fewer than two pairable
// values and data without any variation (De = 0) are errors.
func KrippendorffAlpha(data [][]float64, level Level, opts ReliabilityOptions) (Alpha, error) {
	scale, err := resolveScale(opts.Scale)
	if err != nil {
		return Alpha{}, err
	}
	if !level.IsValid() {
		return Alpha{}, fmt.Errorf("%w: level: %s", ErrOption, levelNames.Problem(level))
	}
	if len(data) == 0 || len(data[0]) == 0 {
		return Alpha{}, fmt.Errorf("%w: no ratings", ErrShape)
	}
	units := len(data[0])
	for r, row := range data {
		if len(row) != units {
			return Alpha{}, fmt.Errorf("%w: rater %d rated %d units, rater 0 rated %d", ErrShape, r, len(row), units)
		}
		for u, v := range row {
			if (!math.IsNaN(v) && math.Abs(v) > maxAlphaMagnitude) || (level == Ratio && v < 0) {
				return Alpha{}, fmt.Errorf("%w: value (%d,%d) = %v", ErrValue, r, u, v)
			}
		}
	}
	k := newCoincidence(data, units)
	if k.n < 2 {
		return Alpha{}, fmt.Errorf("%w: %d pairable values", ErrDegenerate, k.n)
	}
	delta := k.distance(level)
	do := k.observed(delta)
	de := k.expected(level, delta)
	if !(de > 0) {
		return Alpha{}, fmt.Errorf("%w: the pairable values do not vary", ErrDegenerate)
	}
	if !finite(do, de, 1-do/de) {
		return Alpha{}, errOverflow
	}
	a := 1 - do/de
	return Alpha{
		Value: toDecimal(a, scale), ValueExact: exactDecimal(a), Units: k.units, Pairable: k.n,
		Observed: toDecimal(do, scale), ObservedExact: exactDecimal(do),
		Expected: toDecimal(de, scale), ExpectedExact: exactDecimal(de),
		Precision: precision(scale),
	}, nil
}

// coincidence holds the pairable values of each unit as indices into the
// sorted distinct values, and the marginal count of each value.
type coincidence struct {
	values []float64 // distinct pairable values, ascending
	count  []int     // n_c per value
	unitOf [][]int   // per pairable unit: value indices in rater order
	n      int
	units  int
}

func newCoincidence(data [][]float64, units int) coincidence {
	var all []float64
	col := make([]float64, 0, len(data))
	var pairable [][]float64
	for u := range units {
		col = col[:0]
		for r := range data {
			if v := data[r][u]; !math.IsNaN(v) {
				col = append(col, v)
			}
		}
		if len(col) >= 2 {
			pairable = append(pairable, slices.Clone(col))
			all = append(all, col...)
		}
	}
	slices.Sort(all)
	k := coincidence{values: slices.Compact(all), n: 0, units: len(pairable)}
	k.count = make([]int, len(k.values))
	k.unitOf = make([][]int, len(pairable))
	for u, vs := range pairable {
		idx := make([]int, len(vs))
		for i, v := range vs {
			idx[i] = sort.SearchFloat64s(k.values, v)
			k.count[idx[i]]++
		}
		k.unitOf[u] = idx
		k.n += len(vs)
	}
	return k
}

// distance returns δ²(c, k) for value indices c and k.
func (k *coincidence) distance(level Level) func(a, b int) float64 {
	switch level {
	case Nominal:
		return func(a, b int) float64 {
			if a == b {
				return 0
			}
			return 1
		}
	case Ordinal:
		// cum[i] = Σ_{g<i} n_g, so Σ_{g=a..b} n_g = cum[b+1] − cum[a].
		cum := make([]float64, len(k.count)+1)
		for i, c := range k.count {
			cum[i+1] = cum[i] + float64(c)
		}
		return func(a, b int) float64 {
			if a > b {
				a, b = b, a
			}
			d := cum[b+1] - cum[a] - (float64(k.count[a])+float64(k.count[b]))/2
			return float64(d * d)
		}
	case Interval:
		return func(a, b int) float64 {
			d := k.values[a] - k.values[b]
			return float64(d * d)
		}
	}
	return func(a, b int) float64 {
		s := k.values[a] + k.values[b]
		if s == 0 {
			return 0
		}
		d := (k.values[a] - k.values[b]) / s
		return float64(d * d)
	}
}

func (k *coincidence) observed(delta func(a, b int) float64) float64 {
	total := 0.0
	for _, idx := range k.unitOf {
		s := 0.0
		for i, a := range idx {
			for j, b := range idx {
				if i != j && a != b {
					s += delta(a, b)
				}
			}
		}
		total += s / float64(len(idx)-1)
	}
	return total / float64(k.n)
}

func (k *coincidence) expected(level Level, delta func(a, b int) float64) float64 {
	n := float64(k.n)
	s := 0.0
	switch level {
	case Nominal:
		sq := 0.0
		for _, c := range k.count {
			sq = float64(float64(c)*float64(c)) + sq
		}
		s = float64(n*n) - sq
	case Interval:
		// Σ_c Σ_k n_c n_k (c − k)² = 2(n·Σ n_c c² − (Σ n_c c)²), about the
		// mean to keep the subtraction well conditioned.
		mean := 0.0
		for i, c := range k.count {
			mean = float64(float64(c)*k.values[i]) + mean
		}
		mean /= n
		for i, c := range k.count {
			d := k.values[i] - mean
			s = float64(float64(c)*float64(d*d)) + s
		}
		s = float64(2*n) * s
	default:
		for a, ca := range k.count {
			for b := a + 1; b < len(k.count); b++ {
				s = float64(float64(float64(ca)*float64(k.count[b]))*delta(a, b)) + s
			}
		}
		s *= 2
	}
	return s / float64(n*(n-1))
}

// KendallResult is Kendall's coefficient of concordance with its
// chi-square statistic, with and without the tie correction. W and the
// statistics are exact fractions rounded once to Scale places half away
// from zero; S and Ties are exact, so 12·S / (m²(n³ − n) − m·Ties)
// reproduces W without rounding.
type KendallResult struct {
	// W is the tie-corrected coefficient, in 0..1.
	W decimal.Decimal `json:"w"`
	// ChiSquare is m·(n − 1)·W.
	ChiSquare decimal.Decimal `json:"chi_square"`
	// WUncorrected is 12·S / (m²(n³ − n)), Kendall's original form
	// without the tie correction; it equals W when there are no ties and
	// is smaller otherwise.
	WUncorrected         decimal.Decimal `json:"w_uncorrected"`
	ChiSquareUncorrected decimal.Decimal `json:"chi_square_uncorrected"`
	// S is the sum of squared deviations of the objects' rank sums from
	// their mean, exact (a multiple of 1/4).
	S decimal.Decimal `json:"s"`
	// Ties is Σ_j T_j, the tie term of the correction (0 without ties).
	Ties int64 `json:"ties"`
	// DF is n − 1.
	DF int `json:"df"`
	Precision
}

// KendallW measures the agreement of m raters (rows of scores) ranking
// the same n objects (columns) by Kendall's coefficient of concordance
// (M. G. Kendall and B. Babington Smith, "The problem of m rankings",
// Annals of Mathematical Statistics 10 (1939) 275–287; tie correction as
// in S. Siegel and N. J. Castellan, Nonparametric Statistics for the
// Behavioral Sciences, 2nd ed., 1988, §9.4). Each rater's scores are
// ranked 1..n, tied scores sharing the mean of their ranks, and
//
//	W = 12·S / (m²·(n³ − n) − m·Σ_j T_j)
//
// with S the sum of squared deviations of the objects' rank sums from
// their mean and T_j = Σ (t³ − t) over the groups of t tied scores of
// rater j; WUncorrected leaves out the T term. Ranks are handled as exact
// halves, so W is an exact rational before its one rounding. Scores must
// be finite: a missing score is not supported (rank the objects each
// rater scored and use KrippendorffAlpha at the ordinal level, which
// handles missing values). At least two raters and two objects, not every
// rater tying everything.
func KendallW(scores [][]float64, opts ReliabilityOptions) (KendallResult, error) {
	scale, err := resolveScale(opts.Scale)
	if err != nil {
		return KendallResult{}, err
	}
	m := len(scores)
	if m < 2 || len(scores[0]) < 2 {
		return KendallResult{}, fmt.Errorf("%w: Kendall's W needs at least two raters and two objects", ErrShape)
	}
	n := len(scores[0])
	rankSum2 := make([]int64, n) // Σ over raters of twice the rank
	var ties int64
	for r, row := range scores {
		if len(row) != n {
			return KendallResult{}, fmt.Errorf("%w: rater %d scored %d objects, rater 0 scored %d", ErrShape, r, len(row), n)
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return KendallResult{}, fmt.Errorf("%w: score (%d,%d) = %v", ErrValue, r, j, v)
			}
		}
		ties += rankTwice(row, rankSum2)
	}
	// With R_i = rankSum2_i / 2 and mean R̄ = m(n + 1)/2:
	// S = Σ (rankSum2_i − m(n + 1))² / 4 and 12·S = 3·Σ (…)².
	bm, bn := decimal.NewFromInt(int64(m)), decimal.NewFromInt(int64(n))
	mean2 := bm.Mul(bn.Add(one))
	sq := decimal.Zero
	for _, r2 := range rankSum2 {
		d := decimal.NewFromInt(r2).Sub(mean2)
		sq = sq.Add(d.Mul(d))
	}
	s12 := sq.Mul(decimal.NewFromInt(3))
	full := bm.Mul(bm).Mul(bn.Mul(bn).Mul(bn).Sub(bn))
	den := full.Sub(bm.Mul(decimal.NewFromInt(ties)))
	if !den.IsPositive() {
		return KendallResult{}, fmt.Errorf("%w: every rater tied every object", ErrDegenerate)
	}
	df := bm.Mul(bn.Sub(one))
	return KendallResult{
		W:                    s12.DivRound(den, scale),
		ChiSquare:            s12.Mul(df).DivRound(den, scale),
		WUncorrected:         s12.DivRound(full, scale),
		ChiSquareUncorrected: s12.Mul(df).DivRound(full, scale),
		S:                    sq.Mul(decimal.New(25, -2)),
		Ties:                 ties,
		DF:                   n - 1,
		Precision:            precision(scale),
	}, nil
}

// rankTwice adds twice the mid-rank of each score in row to sum2 and
// returns Σ (t³ − t) over its tie groups.
func rankTwice(row []float64, sum2 []int64) int64 {
	order := make([]int, len(row))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case row[a] < row[b]:
			return -1
		case row[a] > row[b]:
			return 1
		}
		return 0
	})
	var ties int64
	for start := 0; start < len(order); {
		end := start + 1
		for end < len(order) && row[order[end]] == row[order[start]] {
			end++
		}
		// Ranks start+1..end share their mean (start+1+end)/2.
		for _, i := range order[start:end] {
			sum2[i] += int64(start + 1 + end)
		}
		t := int64(end - start)
		ties += t*t*t - t
		start = end
	}
	return ties
}
