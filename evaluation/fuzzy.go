package evaluation

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Operator is the composition operator of fuzzy comprehensive evaluation.
// In options the zero value means WeightedAverage.
type Operator uint8

// The composition operators.
const (
	// WeightedAverage is M(·, ⊕): b_j = Σ_i w_i·r_ij. Every indicator
	// counts in proportion to its weight.
	WeightedAverage Operator = iota + 1
	// MinMax is Zadeh's M(∧, ∨): b_j = max_i min(w_i, r_ij). Only the
	// dominant indicator decides each grade.
	MinMax
)

var operatorNames = enum.New[Operator]("evaluation.Operator", "weighted_average", "min_max")

// IsValid reports whether o is one of the Operator values.
func (o Operator) IsValid() bool { return operatorNames.Valid(o) }

// String returns the wire name of o, or "Operator(N)" for an invalid value.
func (o Operator) String() string { return operatorNames.String(o) }

// AppendText appends the wire name of o to b; an invalid value is an error.
func (o Operator) AppendText(b []byte) ([]byte, error) { return operatorNames.Append(b, o) }

// MarshalText returns the wire name of o; an invalid value is an error.
func (o Operator) MarshalText() ([]byte, error) { return operatorNames.Marshal(o) }

// UnmarshalText sets *o to the value named by b; on error *o is unchanged.
func (o *Operator) UnmarshalText(b []byte) error { return operatorNames.Unmarshal(o, b) }

// ParseOperator returns the Operator named s; an unknown name is a *grassroots.UnknownNameError.
func ParseOperator(s string) (Operator, error) { return operatorNames.Parse(s) }

// FuzzyOptions configures FuzzyEvaluate.
type FuzzyOptions struct {
	// Operator is WeightedAverage when zero.
	Operator Operator
	// Normalize reports the evaluation vector divided by its sum, as is
	// usual after MinMax. It changes B only: the grade and the score do
	// not change when B is scaled.
	Normalize bool
	// Grades names the grades (columns of the membership matrix), best
	// first; optional.
	Grades []string
	// GradeScores gives each grade a score (for example 95, 85, 75, 65,
	// 55); when set the result carries Score = Σ b_j·s_j / Σ b_j. A score
	// written with an exponent beyond ±10,000 is a
	// *grassroots.ValidationError at "grade_scores[j]" that matches
	// ErrOption.
	GradeScores []decimal.Decimal
	// Scale is the number of decimal places of the results; zero means
	// DefaultScale.
	Scale int32
}

// FuzzyResult is the outcome of a fuzzy comprehensive evaluation.
type FuzzyResult struct {
	// B is the evaluation vector, one membership degree per grade (divided
	// by its sum with Normalize), rounded to Scale places half away from
	// zero.
	B []decimal.Decimal `json:"b"`
	// BExact is the same vector unrounded. It is nil when a value has no
	// finite decimal form (a normalised vector such as 1/3, 2/3); the
	// computation carries it as an exact fraction all the same.
	BExact []decimal.Decimal `json:"b_exact"`
	// Grade is the index of the largest unrounded membership (maximum
	// membership principle); with equal largest values the first. It does
	// not depend on the scale.
	Grade int `json:"grade"`
	// GradeName is Grades[Grade] when grade names were given.
	GradeName string `json:"grade_name,omitempty"`
	// Tie reports that another grade has exactly the same largest
	// membership, so the maximum membership principle does not decide.
	Tie bool `json:"tie,omitempty"`
	// Score is the grade-score weighted mean Σ b_j·s_j / Σ b_j when
	// GradeScores were given, computed from the unrounded vector and
	// rounded once to Scale places half away from zero.
	Score decimal.Decimal `json:"score,omitzero"`
	Precision
}

type fuzzyConfig struct {
	op    Operator
	scale int32
	opts  FuzzyOptions
}

func (o FuzzyOptions) resolve() (fuzzyConfig, error) {
	scale, err := resolveScale(o.Scale)
	if err != nil {
		return fuzzyConfig{}, err
	}
	var p validate.Problems
	if !tameAll(&p, "grade_scores", o.GradeScores) {
		return fuzzyConfig{}, tameErr(ErrOption, &p)
	}
	op, err := resolveEnum("operator", operatorNames, o.Operator, WeightedAverage)
	if err != nil {
		return fuzzyConfig{}, err
	}
	return fuzzyConfig{op: op, scale: scale, opts: o}, nil
}

// FuzzyEvaluate composes indicator weights w (one per row) with the
// membership matrix r (indicators × grades, degrees in [0, 1]) into the
// evaluation vector B = w ∘ r and picks the grade of maximum membership.
//
// Everything is computed exactly (decimal products and sums, fractions for
// the normalisation) and each reported number is rounded once: the grade,
// the tie and the score come from the unrounded vector, never from the
// rounded B. The weights are used as given (they normally sum to 1; pass
// the Exact weights of AHP or EntropyWeights, not the rounded ones). A
// weight or degree written with an exponent beyond ±10,000 is a
// *grassroots.ValidationError at "w[i]" or "r[i][j]" that matches
// ErrValue.
func FuzzyEvaluate(w []decimal.Decimal, r [][]decimal.Decimal, opts FuzzyOptions) (FuzzyResult, error) {
	cfg, err := opts.resolve()
	if err != nil {
		return FuzzyResult{}, err
	}
	var p validate.Problems
	if tame := tameAll(&p, "w", w); !tameRows(&p, "r", r) || !tame {
		return FuzzyResult{}, tameErr(ErrValue, &p)
	}
	k, err := checkMembership(w, r)
	if err != nil {
		return FuzzyResult{}, err
	}
	res, _, err := cfg.evaluate(rats(w), ratRows(r), k)
	return res, err
}

// evaluate composes exact weights and rows, finishes the result and
// returns the exact (normalised when asked) vector for a further level.
func (c fuzzyConfig) evaluate(w []*big.Rat, r [][]*big.Rat, k int) (FuzzyResult, []*big.Rat, error) {
	if c.opts.Grades != nil && len(c.opts.Grades) != k {
		return FuzzyResult{}, nil, fmt.Errorf("%w: %d grade names for %d grades", ErrShape, len(c.opts.Grades), k)
	}
	if c.opts.GradeScores != nil && len(c.opts.GradeScores) != k {
		return FuzzyResult{}, nil, fmt.Errorf("%w: %d grade scores for %d grades", ErrShape, len(c.opts.GradeScores), k)
	}
	b := make([]*big.Rat, k)
	t := new(big.Rat)
	for j := range k {
		acc := new(big.Rat)
		for i := range w {
			if c.op == MinMax {
				m := w[i]
				if r[i][j].Cmp(m) < 0 {
					m = r[i][j]
				}
				if m.Cmp(acc) > 0 {
					acc.Set(m)
				}
			} else {
				acc.Add(acc, t.Mul(w[i], r[i][j]))
			}
		}
		b[j] = acc
	}
	sum := new(big.Rat)
	for _, x := range b {
		sum.Add(sum, x)
	}
	if c.opts.Normalize {
		if sum.Sign() == 0 {
			return FuzzyResult{}, nil, fmt.Errorf("%w: evaluation vector is zero and cannot be normalised", ErrDegenerate)
		}
		for j := range b {
			b[j].Quo(b[j], sum)
		}
	}
	res := FuzzyResult{B: make([]decimal.Decimal, k), BExact: make([]decimal.Decimal, k), Precision: precision(c.scale)}
	for j, x := range b {
		res.B[j] = decimal.NewFromBigRat(x, c.scale)
		if e, ok := ratDecimal(x); ok && res.BExact != nil {
			res.BExact[j] = e
		} else {
			res.BExact = nil
		}
	}
	for j := 1; j < k; j++ {
		switch b[j].Cmp(b[res.Grade]) {
		case 1:
			res.Grade, res.Tie = j, false
		case 0:
			res.Tie = true
		}
	}
	if c.opts.Grades != nil {
		res.GradeName = c.opts.Grades[res.Grade]
	}
	if c.opts.GradeScores != nil {
		num, den := new(big.Rat), new(big.Rat)
		for j := range b {
			num.Add(num, t.Mul(b[j], c.opts.GradeScores[j].Rat()))
			den.Add(den, b[j])
		}
		if den.Sign() == 0 {
			return FuzzyResult{}, nil, fmt.Errorf("%w: evaluation vector is zero, no score", ErrDegenerate)
		}
		res.Score = decimal.NewFromBigRat(num.Quo(num, den), c.scale)
	}
	return res, b, nil
}

// rats converts decimals to exact fractions.
func rats(v []decimal.Decimal) []*big.Rat {
	out := make([]*big.Rat, len(v))
	for i, d := range v {
		out[i] = d.Rat()
	}
	return out
}

func ratRows(r [][]decimal.Decimal) [][]*big.Rat {
	out := make([][]*big.Rat, len(r))
	for i, row := range r {
		out[i] = rats(row)
	}
	return out
}

// ratDecimal returns x as a decimal when its denominator has no prime
// factor but 2 and 5, so that the decimal is exact.
func ratDecimal(x *big.Rat) (decimal.Decimal, bool) {
	den := new(big.Int).Set(x.Denom())
	var places int32
	two, five, m := big.NewInt(2), big.NewInt(5), new(big.Int)
	for _, p := range []*big.Int{two, five} {
		n := int32(0)
		for {
			q, r := new(big.Int).QuoRem(den, p, m)
			if r.Sign() != 0 {
				break
			}
			den = q
			n++
		}
		places = max(places, n)
	}
	if den.Cmp(big.NewInt(1)) != 0 {
		return decimal.Decimal{}, false
	}
	return decimal.NewFromBigRat(x, places), true
}

// checkMembership checks non-negative weights, one per row of r, and a
// rectangular r with degrees in [0, 1]; it returns the number of grades.
func checkMembership(w []decimal.Decimal, r [][]decimal.Decimal) (int, error) {
	if len(w) == 0 || len(r) != len(w) {
		return 0, fmt.Errorf("%w: %d weights for %d membership rows", ErrShape, len(w), len(r))
	}
	k := len(r[0])
	if k == 0 {
		return 0, fmt.Errorf("%w: membership matrix has no grades", ErrShape)
	}
	for i, row := range r {
		if w[i].IsNegative() {
			return 0, fmt.Errorf("%w: weight %d is negative", ErrValue, i)
		}
		if len(row) != k {
			return 0, fmt.Errorf("%w: membership row %d has %d grades, want %d", ErrShape, i, len(row), k)
		}
		for j, x := range row {
			if x.IsNegative() || x.GreaterThan(one) {
				return 0, fmt.Errorf("%w: membership (%d,%d) = %s outside 0..1", ErrValue, i, j, x)
			}
		}
	}
	return k, nil
}

// FuzzyGroup is one first-level factor of a two-level evaluation: the
// weights of its indicators and their membership matrix.
type FuzzyGroup struct {
	Weights    []decimal.Decimal   `json:"weights"`
	Membership [][]decimal.Decimal `json:"membership"`
}

// TwoLevelResult holds the evaluation of each group and the overall one.
type TwoLevelResult struct {
	Groups  []FuzzyResult `json:"groups"`
	Overall FuzzyResult   `json:"overall"`
}

// FuzzyEvaluateTwoLevel evaluates each group with FuzzyEvaluate, then
// evaluates the groups' unrounded evaluation vectors (normalised when
// opts.Normalize) as the rows of the second-level membership matrix under
// the group weights w. opts apply at both levels; nothing is rounded
// between the levels. A number written with an exponent beyond ±10,000
// is a *grassroots.ValidationError at "w[i]", "groups[i].weights[j]" or
// "groups[i].membership[j][k]" that matches ErrValue.
func FuzzyEvaluateTwoLevel(w []decimal.Decimal, groups []FuzzyGroup, opts FuzzyOptions) (TwoLevelResult, error) {
	cfg, err := opts.resolve()
	if err != nil {
		return TwoLevelResult{}, err
	}
	var p validate.Problems
	tame := tameAll(&p, "w", w)
	for i := range groups {
		at := grassroots.ElementPath("groups", i)
		tame = tameAll(&p, at+".weights", groups[i].Weights) && tame
		tame = tameRows(&p, at+".membership", groups[i].Membership) && tame
	}
	if !tame {
		return TwoLevelResult{}, tameErr(ErrValue, &p)
	}
	if len(groups) != len(w) || len(w) == 0 {
		return TwoLevelResult{}, fmt.Errorf("%w: %d group weights for %d groups", ErrShape, len(w), len(groups))
	}
	out := TwoLevelResult{Groups: make([]FuzzyResult, len(groups))}
	rows := make([][]*big.Rat, len(groups))
	k := -1
	for i, g := range groups {
		gk, err := checkMembership(g.Weights, g.Membership)
		if err == nil && k >= 0 && gk != k {
			err = fmt.Errorf("%w: %d grades, group 0 has %d", ErrShape, gk, k)
		}
		if err == nil {
			out.Groups[i], rows[i], err = cfg.evaluate(rats(g.Weights), ratRows(g.Membership), gk)
		}
		if err != nil {
			return TwoLevelResult{}, fmt.Errorf("%w (group %d)", err, i)
		}
		k = gk
	}
	for i, x := range w {
		if x.IsNegative() {
			return TwoLevelResult{}, fmt.Errorf("%w: group weight %d is negative", ErrValue, i)
		}
	}
	out.Overall, _, err = cfg.evaluate(rats(w), rows, k)
	if err != nil {
		return TwoLevelResult{}, err
	}
	return out, nil
}
