package evaluation

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/enum"
)

// Method is how AHP derives weights from a pairwise matrix. In options the
// zero value means Eigenvector.
type Method uint8

// The weighting methods. On a perfectly consistent matrix all three give
// the same weights.
const (
	// Eigenvector takes the normalised principal right eigenvector
	// (Saaty's method), found by power iteration.
	Eigenvector Method = iota + 1
	// GeometricMean takes the normalised geometric means of the rows.
	GeometricMean
	// ArithmeticMean normalises each column to sum 1 and averages the rows
	// (additive normalisation, 和积法).
	ArithmeticMean
)

var methodNames = enum.New[Method]("evaluation.Method",
	"eigenvector", "geometric_mean", "arithmetic_mean",
)

// IsValid reports whether m is one of the Method values.
func (m Method) IsValid() bool { return methodNames.Valid(m) }

// String returns the wire name of m, or "Method(N)" for an invalid value.
func (m Method) String() string { return methodNames.String(m) }

// AppendText appends the wire name of m to b; an invalid value is an error.
func (m Method) AppendText(b []byte) ([]byte, error) { return methodNames.Append(b, m) }

// MarshalText returns the wire name of m; an invalid value is an error.
func (m Method) MarshalText() ([]byte, error) { return methodNames.Marshal(m) }

// UnmarshalText sets *m to the value named by b; on error *m is unchanged.
func (m *Method) UnmarshalText(b []byte) error { return methodNames.Unmarshal(m, b) }

// ParseMethod returns the Method named s; an unknown name is a *grassroots.UnknownNameError.
func ParseMethod(s string) (Method, error) { return methodNames.Parse(s) }

// DefaultThreshold is the consistency ratio below which judgements are
// accepted unless AHPOptions says otherwise (Saaty's 0.10).
var defaultThreshold = decimal.New(1, -1)

// Power iteration stops when no component of the normalised vector moves
// by more than powTolerance between two steps, or after powMaxIterations
// steps, whichever comes first. Both are part of the result's definition.
const (
	powTolerance     = 1e-15
	powMaxIterations = 1000
)

// AHPOptions configures AHP. The zero value is Saaty's method: principal
// eigenvector, Saaty's 1980 random indices, accept CR < 0.10, results to
// four places.
type AHPOptions struct {
	// Method derives the weights; zero means Eigenvector.
	Method Method
	// RI is the random index table; the zero value means SaatyRI().
	RI RITable
	// Threshold is the largest acceptable consistency ratio; zero means
	// 0.10. One written with an exponent beyond ±10,000 is a
	// *grassroots.ValidationError at "threshold" that matches ErrOption.
	Threshold decimal.Decimal
	// AllowEqual accepts a consistency ratio equal to the threshold; by
	// default the ratio must be strictly below it.
	AllowEqual bool
	// Strict makes inconsistent judgements an error (*InconsistencyError)
	// instead of a result with Consistent false.
	Strict bool
	// Scale is the number of decimal places of the results; zero means
	// DefaultScale.
	Scale int32
}

type ahpConfig struct {
	method     Method
	ri         RITable
	threshold  decimal.Decimal
	allowEqual bool
	strict     bool
	scale      int32
}

func (o AHPOptions) resolve() (ahpConfig, error) {
	c := ahpConfig{method: o.Method, ri: o.RI, threshold: o.Threshold, allowEqual: o.AllowEqual, strict: o.Strict}
	if err := untame(ErrOption, "threshold", o.Threshold); err != nil {
		return ahpConfig{}, err
	}
	var err error
	if c.method, err = resolveEnum("method", methodNames, c.method, Eigenvector); err != nil {
		return ahpConfig{}, err
	}
	if c.ri.isZero() {
		c.ri = SaatyRI()
	}
	if c.threshold.IsZero() {
		c.threshold = defaultThreshold
	}
	if c.threshold.IsNegative() {
		return ahpConfig{}, fmt.Errorf("%w: threshold %s is negative", ErrOption, o.Threshold)
	}
	c.scale, err = resolveScale(o.Scale)
	return c, err
}

// AHPResult is the outcome of AHP on one matrix. Each number comes twice:
// the Exact field holds the float64 value the method computes, written as
// the shortest decimal that reads back as the same float64 (nothing is
// rounded to the scale), and the plain field holds that value rounded to
// Scale places half away from zero. Feed the Exact fields to further
// computations; Consistent is decided on CRExact, so it does not depend on
// the scale.
type AHPResult struct {
	// Weights are the priorities of the items in matrix order, rounded.
	// Each is rounded on its own, so their sum may differ from 1 in the
	// last place; NormalizeWeights makes them sum to exactly 1.
	Weights []decimal.Decimal `json:"weights"`
	// WeightsExact are the unrounded priorities.
	WeightsExact []decimal.Decimal `json:"weights_exact"`
	// LambdaMax is the mean of (A·w)_i / w_i over the items, with w the
	// unrounded weights: the principal eigenvalue for Eigenvector, its
	// usual estimate for the other methods.
	LambdaMax      decimal.Decimal `json:"lambda_max"`
	LambdaMaxExact decimal.Decimal `json:"lambda_max_exact"`
	// CI is (LambdaMax − n)/(n − 1), 0 for n = 1.
	CI      decimal.Decimal `json:"ci"`
	CIExact decimal.Decimal `json:"ci_exact"`
	// RI is the random index used, from the table named by RITable.
	RI decimal.Decimal `json:"ri"`
	// CR is CI/RI, defined as 0 for n ≤ 2.
	CR      decimal.Decimal `json:"cr"`
	CRExact decimal.Decimal `json:"cr_exact"`
	// Consistent reports CRExact < Threshold (or ≤ with AllowEqual).
	Consistent bool            `json:"consistent"`
	Threshold  decimal.Decimal `json:"threshold"`
	Method     Method          `json:"method"`
	RITable    string          `json:"ri_table"`
	// Iterations is the number of power-iteration steps (Eigenvector
	// only).
	Iterations int `json:"iterations,omitempty"`
	Precision
}

// AHP derives priorities and consistency figures from a pairwise
// comparison matrix (T. L. Saaty, The Analytic Hierarchy Process,
// McGraw-Hill, 1980).
//
// The steps in float64 (platform-independent, see the package doc):
//
//   - Eigenvector: start from the uniform vector; repeat w ← A·w / Σ(A·w)
//     until no component moves by more than 1e-15, at most 1000 times.
//   - GeometricMean: g_i = exp(Σ_j ln a_ij / n), w = g / Σg.
//   - ArithmeticMean: w_i = Σ_j (a_ij / Σ_k a_kj) / n.
//
// Then λmax = Σ_i ((A·w)_i / w_i) / n, CI = (λmax − n)/(n − 1), CR = CI /
// RI(n). A size beyond the RI table is a *RIRangeError. With
// opts.Strict, inconsistent judgements are an *InconsistencyError and no
// result is returned.
func AHP(m Pairwise, opts AHPOptions) (AHPResult, error) {
	cfg, err := opts.resolve()
	if err != nil {
		return AHPResult{}, err
	}
	res, _, err := ahp(m, cfg, "")
	return res, err
}

// ahp is AHP with resolved options; it also returns the unrounded weights
// and CI for synthesis and group decisions.
func ahp(m Pairwise, cfg ahpConfig, path string) (AHPResult, ahpRaw, error) {
	n := m.n
	if n == 0 {
		return AHPResult{}, ahpRaw{}, fmt.Errorf("%w: empty matrix", ErrPairwise)
	}
	ri, err := cfg.ri.RI(n)
	if err != nil {
		return AHPResult{}, ahpRaw{}, err
	}
	var w []float64
	iters := 0
	switch cfg.method {
	case Eigenvector:
		w, iters = powerIteration(m)
	case GeometricMean:
		w = geometricMeanWeights(m)
	default:
		w = arithmeticMeanWeights(m)
	}
	lambda := lambdaMax(m, w)
	ci := 0.0
	if n > 1 {
		ci = (lambda - float64(n)) / float64(n-1)
	}
	cr := 0.0
	if n > 2 {
		cr = ci / toFloat(ri)
	}
	crExact := exactDecimal(cr)
	res := AHPResult{
		Weights:        make([]decimal.Decimal, n),
		WeightsExact:   exactDecimals(w),
		LambdaMax:      toDecimal(lambda, cfg.scale),
		LambdaMaxExact: exactDecimal(lambda),
		CI:             toDecimal(ci, cfg.scale),
		CIExact:        exactDecimal(ci),
		RI:             ri,
		CR:             crExact.Round(cfg.scale),
		CRExact:        crExact,
		Threshold:      cfg.threshold,
		Method:         cfg.method,
		RITable:        cfg.ri.name,
		Iterations:     iters,
		Precision:      precision(cfg.scale),
	}
	for i, x := range res.WeightsExact {
		res.Weights[i] = x.Round(cfg.scale)
	}
	res.Consistent = cfg.accepts(crExact)
	if cfg.strict && !res.Consistent {
		return AHPResult{}, ahpRaw{}, &InconsistencyError{Path: path, CR: crExact, Threshold: cfg.threshold}
	}
	return res, ahpRaw{weights: w, ci: ci, ri: toFloat(ri)}, nil
}

// accepts reports whether an unrounded consistency ratio passes the
// threshold in force.
func (c ahpConfig) accepts(cr decimal.Decimal) bool {
	return cr.LessThan(c.threshold) || (c.allowEqual && cr.Equal(c.threshold))
}

type ahpRaw struct {
	weights []float64
	ci, ri  float64
}

// mulVec returns A·w, each row summed in column order.
func mulVec(m Pairwise, w, out []float64) {
	n := m.n
	for i := range n {
		row := m.a[i*n : i*n+n]
		s := 0.0
		for j, a := range row {
			s = float64(a*w[j]) + s
		}
		out[i] = s
	}
}

func normalizeSum(v []float64) {
	s := 0.0
	for _, x := range v {
		s += x
	}
	for i := range v {
		v[i] /= s
	}
}

func powerIteration(m Pairwise) ([]float64, int) {
	n := m.n
	w := make([]float64, n)
	next := make([]float64, n)
	for i := range w {
		w[i] = 1 / float64(n)
	}
	iters := 0
	for iters < powMaxIterations {
		iters++
		mulVec(m, w, next)
		normalizeSum(next)
		delta := 0.0
		for i := range w {
			delta = math.Max(delta, math.Abs(next[i]-w[i]))
		}
		w, next = next, w
		if delta <= powTolerance {
			break
		}
	}
	return w, iters
}

func geometricMeanWeights(m Pairwise) []float64 {
	n := m.n
	w := make([]float64, n)
	for i := range n {
		s := 0.0
		for j := range n {
			s += ln(m.a[i*n+j])
		}
		w[i] = exp(s / float64(n))
	}
	normalizeSum(w)
	return w
}

func arithmeticMeanWeights(m Pairwise) []float64 {
	n := m.n
	col := make([]float64, n)
	for j := range n {
		for i := range n {
			col[j] += m.a[i*n+j]
		}
	}
	w := make([]float64, n)
	for i := range n {
		s := 0.0
		for j := range n {
			s += m.a[i*n+j] / col[j]
		}
		w[i] = s / float64(n)
	}
	return w
}

func lambdaMax(m Pairwise, w []float64) float64 {
	aw := make([]float64, m.n)
	mulVec(m, w, aw)
	s := 0.0
	for i := range aw {
		s += aw[i] / w[i]
	}
	return s / float64(m.n)
}
