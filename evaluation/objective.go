package evaluation

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/validate"
)

// WeightOptions configures EntropyWeights and CRITIC.
type WeightOptions struct {
	// Scale is the number of decimal places of the results; zero means
	// DefaultScale.
	Scale int32
}

// weightInput checks what an objective weighting method (named by method)
// is given: the scale of opts, and a data matrix of at least two
// alternatives (non-negative when nonNegative), returned row-major in
// float64.
func weightInput(method string, x [][]decimal.Decimal, nonNegative bool, opts WeightOptions) (scale int32, m, n int, f []float64, err error) {
	if scale, err = resolveScale(opts.Scale); err != nil {
		return 0, 0, 0, nil, err
	}
	if m, n, f, err = floatMatrix(x, nonNegative); err != nil {
		return 0, 0, 0, nil, err
	}
	if m < 2 {
		return 0, 0, 0, nil, fmt.Errorf("%w: %s needs at least two alternatives, got %d", ErrShape, method, m)
	}
	return scale, m, n, f, nil
}

// EntropyResult holds entropy weights and the entropies they come from,
// each rounded to Scale places half away from zero from its float64 value,
// and unrounded in the Exact fields (see AHPResult).
type EntropyResult struct {
	Weights      []decimal.Decimal `json:"weights"`
	WeightsExact []decimal.Decimal `json:"weights_exact"`
	Entropy      []decimal.Decimal `json:"entropy"`
	EntropyExact []decimal.Decimal `json:"entropy_exact"`
	Precision
}

// EntropyWeights derives objective criterion weights from data by the
// entropy method. x has one row per alternative (at least two) and one
// column per criterion; entries must be non-negative and at most 1e150
// (one written with an exponent beyond ±10,000 is a
// *grassroots.ValidationError at "x[i][j]" that matches ErrValue).
// Data on mixed
// directions or scales are normalised by the caller first, usually min–max
// by direction.
//
// For criterion j: p_ij = x_ij / Σ_i x_ij; e_j = −Σ_i p_ij·ln p_ij / ln m;
// w_j = (1 − e_j) / Σ_k (1 − e_k).
//
// Zero rule: a term with p_ij = 0 counts as 0 (the limit of p·ln p), and a
// column of zeros has e_j = 1 (it tells the alternatives apart no more
// than a constant column does) and so weight 0. When every criterion has
// e = 1 there is nothing to weigh and the error matches ErrDegenerate.
func EntropyWeights(x [][]decimal.Decimal, opts WeightOptions) (EntropyResult, error) {
	scale, m, n, f, err := weightInput("entropy", x, true, opts)
	if err != nil {
		return EntropyResult{}, err
	}
	lnm := ln(float64(m))
	e := make([]float64, n)
	for j := range n {
		sum := 0.0
		for i := range m {
			sum += f[i*n+j]
		}
		if sum == 0 {
			e[j] = 1
			continue
		}
		h := 0.0
		for i := range m {
			if p := f[i*n+j] / sum; p > 0 {
				h = float64(p*ln(p)) + h
			}
		}
		e[j] = -h / lnm
	}
	d := make([]float64, n)
	for j := range e {
		d[j] = 1 - e[j]
	}
	w, err := shares(d)
	if err != nil {
		return EntropyResult{}, fmt.Errorf("%w: every criterion is constant", err)
	}
	if !finite(append(w, e...)...) {
		return EntropyResult{}, errOverflow
	}
	return EntropyResult{
		Weights: decimals(w, scale), WeightsExact: exactDecimals(w),
		Entropy: decimals(e, scale), EntropyExact: exactDecimals(e),
		Precision: precision(scale),
	}, nil
}

// CRITICResult holds CRITIC weights with the contrast (standard deviation)
// and information content of each criterion, each rounded to Scale places
// half away from zero from its float64 value, and unrounded in the Exact
// fields (see AHPResult).
type CRITICResult struct {
	Weights          []decimal.Decimal `json:"weights"`
	WeightsExact     []decimal.Decimal `json:"weights_exact"`
	StdDev           []decimal.Decimal `json:"std_dev"`
	StdDevExact      []decimal.Decimal `json:"std_dev_exact"`
	Information      []decimal.Decimal `json:"information"`
	InformationExact []decimal.Decimal `json:"information_exact"`
	Precision
}

// CRITIC derives objective weights by the CRITIC method (Diakoulaki,
// Mavrotas and Papayannakis, Computers & Operations Research 22 (1995)
// 763–770): each criterion is normalised min–max by its direction onto
// 0..1, σ_j is its sample standard deviation, r_jk the Pearson correlation
// between criteria, C_j = σ_j·Σ_k (1 − r_jk) its information, and
// w_j = C_j / Σ C.
//
// x has one row per alternative (at least two) and one column per
// criterion, values within ±1e150 (see EntropyWeights for exponents
// beyond ±10,000); dirs gives each criterion's direction. A constant
// criterion has σ = 0 and weight 0 and does not count in the other
// criteria's conflict sums (its correlation is taken as 1). When every
// criterion is constant the error matches ErrDegenerate.
func CRITIC(x [][]decimal.Decimal, dirs []Direction, opts WeightOptions) (CRITICResult, error) {
	scale, m, n, f, err := weightInput("CRITIC", x, false, opts)
	if err != nil {
		return CRITICResult{}, err
	}
	if err := checkDirections(dirs, n); err != nil {
		return CRITICResult{}, err
	}
	z := minMaxColumns(f, m, n, dirs)
	mean := make([]float64, n)
	sd := make([]float64, n)
	for j := range n {
		s := 0.0
		for i := range m {
			s += z[i*n+j]
		}
		mean[j] = s / float64(m)
		ss := 0.0
		for i := range m {
			d := z[i*n+j] - mean[j]
			ss = float64(d*d) + ss
		}
		sd[j] = math.Sqrt(ss / float64(m-1))
	}
	info := make([]float64, n)
	for j := range n {
		if sd[j] == 0 {
			continue
		}
		conflict := 0.0
		for k := range n {
			conflict += 1 - correlation(z, m, n, j, k, mean, sd)
		}
		info[j] = float64(sd[j] * conflict)
	}
	w, err := shares(info)
	if err != nil {
		return CRITICResult{}, fmt.Errorf("%w: every criterion is constant", err)
	}
	if !finite(append(append(w, sd...), info...)...) {
		return CRITICResult{}, errOverflow
	}
	return CRITICResult{
		Weights: decimals(w, scale), WeightsExact: exactDecimals(w),
		StdDev: decimals(sd, scale), StdDevExact: exactDecimals(sd),
		Information: decimals(info, scale), InformationExact: exactDecimals(info),
		Precision: precision(scale),
	}, nil
}

// correlation returns Pearson's r between columns j and k of z, 1 when
// either is constant.
func correlation(z []float64, m, n, j, k int, mean, sd []float64) float64 {
	if j == k || sd[j] == 0 || sd[k] == 0 {
		return 1
	}
	s := 0.0
	for i := range m {
		s = float64((z[i*n+j]-mean[j])*(z[i*n+k]-mean[k])) + s
	}
	return s / float64(m-1) / float64(sd[j]*sd[k])
}

// minMaxColumns maps each column onto 0..1, 1 best in its direction; a
// constant column becomes all zeros.
func minMaxColumns(f []float64, m, n int, dirs []Direction) []float64 {
	z := make([]float64, len(f))
	for j := range n {
		lo, hi := columnRange(f, m, n, j)
		if lo == hi {
			continue
		}
		for i := range m {
			if dirs[j] == Cost {
				z[i*n+j] = (hi - f[i*n+j]) / (hi - lo)
			} else {
				z[i*n+j] = (f[i*n+j] - lo) / (hi - lo)
			}
		}
	}
	return z
}

// columnRange returns the smallest and the largest value of column j of
// the m×n row-major matrix f.
func columnRange(f []float64, m, n, j int) (lo, hi float64) {
	lo, hi = f[j], f[j]
	for i := range m {
		lo, hi = math.Min(lo, f[i*n+j]), math.Max(hi, f[i*n+j])
	}
	return lo, hi
}

// floatMatrix checks that x is a non-empty rectangle (of non-negative
// values when nonNegative) of tame decimals (see tameAll) and returns it
// row-major in float64.
func floatMatrix(x [][]decimal.Decimal, nonNegative bool) (m, n int, f []float64, err error) {
	m = len(x)
	if m == 0 || len(x[0]) == 0 {
		return 0, 0, nil, fmt.Errorf("%w: empty matrix", ErrShape)
	}
	var p validate.Problems
	if !tameRows(&p, "x", x) {
		return 0, 0, nil, tameErr(ErrValue, &p)
	}
	n = len(x[0])
	f = make([]float64, 0, m*n)
	for i, row := range x {
		if len(row) != n {
			return 0, 0, nil, fmt.Errorf("%w: row %d has %d values, want %d", ErrShape, i, len(row), n)
		}
		for j, v := range row {
			if nonNegative && v.IsNegative() {
				return 0, 0, nil, fmt.Errorf("%w: value (%d,%d) = %s is negative", ErrValue, i, j, v)
			}
			fv := toFloat(v)
			if !inRange(fv) {
				return 0, 0, nil, fmt.Errorf("%w: value (%d,%d) is beyond ±1e150", ErrValue, i, j)
			}
			f = append(f, fv)
		}
	}
	return m, n, f, nil
}

func checkDirections(dirs []Direction, n int) error {
	if len(dirs) != n {
		return fmt.Errorf("%w: %d directions for %d criteria", ErrShape, len(dirs), n)
	}
	for j, d := range dirs {
		if !d.IsValid() {
			return fmt.Errorf("%w: criterion %d: direction %v", ErrValue, j, d)
		}
	}
	return nil
}

// shares returns v / Σv for non-negative v with a positive sum.
func shares(v []float64) ([]float64, error) {
	s := 0.0
	for _, x := range v {
		s += math.Max(x, 0)
	}
	if !(s > 0) {
		return nil, ErrDegenerate
	}
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = math.Max(x, 0) / s
	}
	return out, nil
}

func decimals(v []float64, scale int32) []decimal.Decimal {
	out := make([]decimal.Decimal, len(v))
	for i, x := range v {
		out[i] = toDecimal(x, scale)
	}
	return out
}
