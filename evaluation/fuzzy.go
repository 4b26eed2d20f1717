package evaluation

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/enum"
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
	// Normalize divides the evaluation vector by its sum (rounded to the
	// scale half away from zero), as is usual after MinMax.
	Normalize bool
	// Grades names the grades (columns of the membership matrix), best
	// first; optional.
	Grades []string
	// GradeScores gives each grade a score (for example 95, 85, 75, 65,
	// 55); when set the result carries Score = Σ b_j·s_j / Σ b_j.
	GradeScores []decimal.Decimal
	// Scale is the number of decimal places of the results; zero means
	// DefaultScale.
	Scale int32
}

// FuzzyResult is the outcome of a fuzzy comprehensive evaluation.
type FuzzyResult struct {
	// B is the evaluation vector, one membership degree per grade, rounded
	// to Scale places half away from zero (after normalisation if asked).
	B []decimal.Decimal `json:"b"`
	// Grade is the index of the largest membership in B (maximum
	// membership principle); with equal largest values the first.
	Grade int `json:"grade"`
	// GradeName is Grades[Grade] when grade names were given.
	GradeName string `json:"grade_name,omitempty"`
	// Tie reports that another grade has the same largest membership, so
	// the maximum membership principle does not decide.
	Tie bool `json:"tie,omitempty"`
	// Score is the grade-score weighted mean when GradeScores were given.
	Score decimal.Decimal `json:"score,omitzero"`
	Precision
}

// FuzzyEvaluate composes indicator weights w (one per row) with the
// membership matrix r (indicators × grades, degrees in [0, 1]) into the
// evaluation vector B = w ∘ r and picks the grade of maximum membership.
//
// With the default weighted-average operator B is computed exactly and
// rounded once; the weights are used as given (they normally sum to 1).
// The grade is chosen on the rounded B, so a reader of the result can
// check it.
func FuzzyEvaluate(w []decimal.Decimal, r [][]decimal.Decimal, opts FuzzyOptions) (FuzzyResult, error) {
	scale, err := resolveScale(opts.Scale)
	if err != nil {
		return FuzzyResult{}, err
	}
	op := opts.Operator
	if op == 0 {
		op = WeightedAverage
	}
	if !op.IsValid() {
		return FuzzyResult{}, fmt.Errorf("evaluation: operator: %s: %w", operatorNames.Problem(op), ErrOption)
	}
	k, err := checkMembership(w, r)
	if err != nil {
		return FuzzyResult{}, err
	}
	if opts.Grades != nil && len(opts.Grades) != k {
		return FuzzyResult{}, fmt.Errorf("evaluation: %d grade names for %d grades: %w", len(opts.Grades), k, ErrShape)
	}
	if opts.GradeScores != nil && len(opts.GradeScores) != k {
		return FuzzyResult{}, fmt.Errorf("evaluation: %d grade scores for %d grades: %w", len(opts.GradeScores), k, ErrShape)
	}
	b := make([]decimal.Decimal, k)
	for j := range k {
		acc := decimal.Zero
		for i := range w {
			if op == MinMax {
				acc = decimal.Max(acc, decimal.Min(w[i], r[i][j]))
			} else {
				acc = acc.Add(w[i].Mul(r[i][j]))
			}
		}
		b[j] = acc
	}
	sum := decimal.Zero
	for _, x := range b {
		sum = sum.Add(x)
	}
	for j := range b {
		if opts.Normalize {
			if sum.IsZero() {
				return FuzzyResult{}, fmt.Errorf("evaluation: evaluation vector is zero and cannot be normalised: %w", ErrDegenerate)
			}
			b[j] = b[j].DivRound(sum, scale)
		} else {
			b[j] = b[j].Round(scale)
		}
	}
	res := FuzzyResult{B: b, Precision: precision(scale)}
	for j := 1; j < k; j++ {
		switch b[j].Cmp(b[res.Grade]) {
		case 1:
			res.Grade, res.Tie = j, false
		case 0:
			res.Tie = true
		}
	}
	if opts.Grades != nil {
		res.GradeName = opts.Grades[res.Grade]
	}
	if opts.GradeScores != nil {
		num, den := decimal.Zero, decimal.Zero
		for j := range b {
			num = num.Add(b[j].Mul(opts.GradeScores[j]))
			den = den.Add(b[j])
		}
		if den.IsZero() {
			return FuzzyResult{}, fmt.Errorf("evaluation: evaluation vector is zero, no score: %w", ErrDegenerate)
		}
		res.Score = num.DivRound(den, scale)
	}
	return res, nil
}

// checkMembership checks non-negative weights, one per row of r, and a
// rectangular r with degrees in [0, 1]; it returns the number of grades.
func checkMembership(w []decimal.Decimal, r [][]decimal.Decimal) (int, error) {
	if len(w) == 0 || len(r) != len(w) {
		return 0, fmt.Errorf("evaluation: %d weights for %d membership rows: %w", len(w), len(r), ErrShape)
	}
	k := len(r[0])
	if k == 0 {
		return 0, fmt.Errorf("evaluation: membership matrix has no grades: %w", ErrShape)
	}
	for i, row := range r {
		if w[i].IsNegative() {
			return 0, fmt.Errorf("evaluation: weight %d is negative: %w", i, ErrValue)
		}
		if len(row) != k {
			return 0, fmt.Errorf("evaluation: membership row %d has %d grades, want %d: %w", i, len(row), k, ErrShape)
		}
		for j, x := range row {
			if x.IsNegative() || x.GreaterThan(one) {
				return 0, fmt.Errorf("evaluation: membership (%d,%d) = %s outside 0..1: %w", i, j, x, ErrValue)
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
// evaluates the groups' B vectors, as reported (rounded to the scale), as
// the rows of the second-level membership matrix under the group weights
// w. opts apply at both levels.
func FuzzyEvaluateTwoLevel(w []decimal.Decimal, groups []FuzzyGroup, opts FuzzyOptions) (TwoLevelResult, error) {
	if len(groups) != len(w) {
		return TwoLevelResult{}, fmt.Errorf("evaluation: %d group weights for %d groups: %w", len(w), len(groups), ErrShape)
	}
	out := TwoLevelResult{Groups: make([]FuzzyResult, len(groups))}
	rows := make([][]decimal.Decimal, len(groups))
	for i, g := range groups {
		res, err := FuzzyEvaluate(g.Weights, g.Membership, opts)
		if err != nil {
			return TwoLevelResult{}, fmt.Errorf("evaluation: group %d: %w", i, err)
		}
		out.Groups[i] = res
		rows[i] = res.B
	}
	var err error
	out.Overall, err = FuzzyEvaluate(w, rows, opts)
	if err != nil {
		return TwoLevelResult{}, err
	}
	return out, nil
}
