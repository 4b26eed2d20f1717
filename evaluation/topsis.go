package evaluation

import (
	"fmt"
	"math"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Normalization is how TOPSIS brings criteria onto a common scale. In
// options the zero value means VectorNorm.
type Normalization uint8

// The normalisations.
const (
	// VectorNorm divides each value by the Euclidean norm of its column.
	VectorNorm Normalization = iota + 1
	// MinMaxNorm maps each column onto 0..1 with 1 the best value in the
	// criterion's direction; afterwards every criterion counts as a
	// benefit.
	MinMaxNorm
)

var normalizationNames = enum.New[Normalization]("evaluation.Normalization", "vector", "min_max")

// IsValid reports whether n is one of the Normalization values.
func (n Normalization) IsValid() bool { return normalizationNames.Valid(n) }

// String returns the wire name of n, or "Normalization(N)" for an invalid value.
func (n Normalization) String() string { return normalizationNames.String(n) }

// AppendText appends the wire name of n to b; an invalid value is an error.
func (n Normalization) AppendText(b []byte) ([]byte, error) { return normalizationNames.Append(b, n) }

// MarshalText returns the wire name of n; an invalid value is an error.
func (n Normalization) MarshalText() ([]byte, error) { return normalizationNames.Marshal(n) }

// UnmarshalText sets *n to the value named by b; on error *n is unchanged.
func (n *Normalization) UnmarshalText(b []byte) error { return normalizationNames.Unmarshal(n, b) }

// ParseNormalization returns the Normalization named s; an unknown name is a *grassroots.UnknownNameError.
func ParseNormalization(s string) (Normalization, error) { return normalizationNames.Parse(s) }

// TOPSISOptions configures TOPSIS.
type TOPSISOptions struct {
	// Normalization is VectorNorm when zero.
	Normalization Normalization
	// Scale is the number of decimal places of the results; zero means
	// DefaultScale.
	Scale int32
}

// TOPSISResult holds, per alternative in input order, the distances to the
// ideal and anti-ideal solutions, the closeness coefficient and the rank,
// with the numbers rounded to Scale places half away from zero from their
// float64 values and unrounded in the Exact fields (see AHPResult).
type TOPSISResult struct {
	DPlus          []decimal.Decimal `json:"d_plus"`
	DPlusExact     []decimal.Decimal `json:"d_plus_exact"`
	DMinus         []decimal.Decimal `json:"d_minus"`
	DMinusExact    []decimal.Decimal `json:"d_minus_exact"`
	Closeness      []decimal.Decimal `json:"closeness"`
	ClosenessExact []decimal.Decimal `json:"closeness_exact"`
	// Rank is 1 for the best alternative: by unrounded closeness, higher
	// first, equal closeness in input order. It does not depend on the
	// scale.
	Rank []int `json:"rank"`
	Precision
}

// TOPSIS ranks alternatives by their relative closeness to the ideal
// solution (Hwang and Yoon, Multiple Attribute Decision Making, 1981).
// x has one row per alternative and one column per criterion, values
// within ±1e150; weights and dirs give each criterion's weight
// (non-negative, at most 1e150) and direction. A value or weight written
// with an exponent beyond ±10,000 is a *grassroots.ValidationError at
// "x[i][j]" or "weights[j]" that matches ErrValue.
//
// Steps in float64: normalise each column (opts.Normalization); multiply by
// the weight; per criterion the ideal is the best and the anti-ideal the
// worst weighted value in its direction; d± are Euclidean distances to
// them; closeness C = d− / (d+ + d−). When every alternative is the same
// on every weighted criterion, closeness is undefined and the error
// matches ErrDegenerate.
func TOPSIS(x [][]decimal.Decimal, weights []decimal.Decimal, dirs []Direction, opts TOPSISOptions) (TOPSISResult, error) {
	scale, err := resolveScale(opts.Scale)
	if err != nil {
		return TOPSISResult{}, err
	}
	norm, err := resolveEnum("normalization", normalizationNames, opts.Normalization, VectorNorm)
	if err != nil {
		return TOPSISResult{}, err
	}
	m, n, f, err := floatMatrix(x, false)
	if err != nil {
		return TOPSISResult{}, err
	}
	if err := checkDirections(dirs, n); err != nil {
		return TOPSISResult{}, err
	}
	w, err := criterionWeights(weights, n)
	if err != nil {
		return TOPSISResult{}, err
	}
	var z []float64
	benefit := dirs
	if norm == MinMaxNorm {
		z = minMaxColumns(f, m, n, dirs)
		benefit = slices.Repeat([]Direction{Benefit}, n)
	} else {
		z = vectorColumns(f, m, n)
	}
	for i := range m {
		for j := range n {
			z[i*n+j] = float64(z[i*n+j] * w[j])
		}
	}
	best := make([]float64, n)
	worst := make([]float64, n)
	for j := range n {
		lo, hi := columnRange(z, m, n, j)
		best[j], worst[j] = hi, lo
		if benefit[j] == Cost {
			best[j], worst[j] = lo, hi
		}
	}
	res := TOPSISResult{
		DPlus: make([]decimal.Decimal, m), DMinus: make([]decimal.Decimal, m), Closeness: make([]decimal.Decimal, m),
		DPlusExact: make([]decimal.Decimal, m), DMinusExact: make([]decimal.Decimal, m), ClosenessExact: make([]decimal.Decimal, m),
		Precision: precision(scale),
	}
	for i := range m {
		dp, dm := 0.0, 0.0
		for j := range n {
			a, b := z[i*n+j]-best[j], z[i*n+j]-worst[j]
			dp = float64(a*a) + dp
			dm = float64(b*b) + dm
		}
		dp, dm = math.Sqrt(dp), math.Sqrt(dm)
		if !finite(dp, dm) {
			return TOPSISResult{}, errOverflow
		}
		if dp+dm == 0 {
			return TOPSISResult{}, fmt.Errorf("%w: every alternative equals the ideal", ErrDegenerate)
		}
		res.DPlusExact[i], res.DMinusExact[i] = exactDecimal(dp), exactDecimal(dm)
		res.ClosenessExact[i] = exactDecimal(dm / (dp + dm))
		res.DPlus[i] = res.DPlusExact[i].Round(scale)
		res.DMinus[i] = res.DMinusExact[i].Round(scale)
		res.Closeness[i] = res.ClosenessExact[i].Round(scale)
	}
	res.Rank = rankDescending(res.ClosenessExact)
	return res, nil
}

// rankDescending returns 1-based ranks, highest value first, ties in
// input order.
func rankDescending(v []decimal.Decimal) []int {
	order := make([]int, len(v))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return -v[a].Cmp(v[b]) })
	rank := make([]int, len(v))
	for r, i := range order {
		rank[i] = r + 1
	}
	return rank
}

func vectorColumns(f []float64, m, n int) []float64 {
	z := make([]float64, len(f))
	for j := range n {
		ss := 0.0
		for i := range m {
			ss = float64(f[i*n+j]*f[i*n+j]) + ss
		}
		norm := math.Sqrt(ss)
		if norm == 0 {
			continue
		}
		for i := range m {
			z[i*n+j] = f[i*n+j] / norm
		}
	}
	return z
}

// criterionWeights checks a weight per criterion, each non-negative, and
// returns them in float64.
func criterionWeights(weights []decimal.Decimal, n int) ([]float64, error) {
	if len(weights) != n {
		return nil, fmt.Errorf("%w: %d weights for %d criteria", ErrShape, len(weights), n)
	}
	var p validate.Problems
	if !tameAll(&p, "weights", weights) {
		return nil, tameErr(ErrValue, &p)
	}
	w := make([]float64, n)
	for j, d := range weights {
		if d.IsNegative() {
			return nil, fmt.Errorf("%w: weight %d is negative (%s)", ErrValue, j, d)
		}
		if w[j] = toFloat(d); !inRange(w[j]) {
			return nil, fmt.Errorf("%w: weight %d is beyond 1e150", ErrValue, j)
		}
	}
	return w, nil
}
