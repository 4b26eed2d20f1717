package evaluation

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// DefaultScale is the number of decimal places of every result when the
// options leave the scale at zero.
const DefaultScale int32 = 4

// maxScale bounds the requested decimal places; beyond it float64 steps
// would claim digits they do not have.
const maxScale int32 = 12

// Rounding names a rounding mode on the wire.
type Rounding string

// HalfAwayFromZero is the rounding mode of every result of this package:
// a value exactly halfway between two representable results goes to the
// one farther from zero (2.5 → 3, −2.5 → −3), as decimal.Decimal.Round
// and DivRound do.
const HalfAwayFromZero Rounding = "half_away_from_zero"

// Precision states how the numbers of a result were rounded.
type Precision struct {
	// Scale is the number of decimal places.
	Scale int32 `json:"scale"`
	// Rounding is the rounding mode, always HalfAwayFromZero.
	Rounding Rounding `json:"rounding"`
}

// resolveScale turns an option value into the scale in force: zero means
// DefaultScale.
func resolveScale(s int32) (int32, error) {
	switch {
	case s == 0:
		return DefaultScale, nil
	case s < 0 || s > maxScale:
		return 0, fmt.Errorf("%w: scale %d outside 1..%d", ErrOption, s, maxScale)
	}
	return s, nil
}

// resolveEnum turns an enumeration option into the value in force: zero
// means def, and a value outside t is an error matching ErrOption that
// names the option and lists the valid names.
func resolveEnum[T ~uint8](option string, t *enum.Table[T], v, def T) (T, error) {
	switch {
	case v == 0:
		return def, nil
	case !t.Valid(v):
		return 0, fmt.Errorf("%w: %s: %s", ErrOption, option, t.Problem(v))
	}
	return v, nil
}

func precision(scale int32) Precision {
	return Precision{Scale: scale, Rounding: HalfAwayFromZero}
}

var one = decimal.NewFromInt(1)

// NormalizeWeights divides each weight by their sum and rounds the shares
// to scale decimal places so that they add up to exactly 1.
//
// Rounding uses the largest-remainder method: each share is first rounded
// down to the scale, then the units still missing to reach 1 go, one unit
// each, to the shares with the largest remainders, ties to the earlier
// weight. So every share is its exact value rounded down or up by less than
// one unit, and the result does not depend on anything but the inputs.
//
// Weights must be non-negative with a positive sum. A zero scale means
// DefaultScale. A weight written with an exponent beyond ±10,000 is a
// *grassroots.ValidationError at "weights[i]" that matches ErrValue.
func NormalizeWeights(weights []decimal.Decimal, scale int32) ([]decimal.Decimal, error) {
	sc, err := resolveScale(scale)
	if err != nil {
		return nil, err
	}
	if len(weights) == 0 {
		return nil, fmt.Errorf("%w: no weights to normalise", ErrDegenerate)
	}
	var p validate.Problems
	if !tameAll(&p, "weights", weights) {
		return nil, tameErr(ErrValue, &p)
	}
	sum := decimal.Zero
	for i, w := range weights {
		if w.IsNegative() {
			return nil, fmt.Errorf("%w: weight %d is negative (%s)", ErrValue, i, w)
		}
		sum = sum.Add(w)
	}
	if sum.IsZero() {
		return nil, fmt.Errorf("%w: weights sum to zero", ErrDegenerate)
	}
	return largestRemainder(weights, sum, sc), nil
}

// largestRemainder implements NormalizeWeights for validated input.
func largestRemainder(weights []decimal.Decimal, sum decimal.Decimal, scale int32) []decimal.Decimal {
	units := decimal.New(1, scale)
	q := make([]decimal.Decimal, len(weights))
	r := make([]decimal.Decimal, len(weights))
	total := decimal.Zero
	for i, w := range weights {
		q[i], r[i] = w.Mul(units).QuoRem(sum, 0)
		total = total.Add(q[i])
	}
	missing := units.Sub(total).IntPart()
	for ; missing > 0; missing-- {
		best := -1
		for i := range r {
			if r[i].IsNegative() {
				continue
			}
			if best < 0 || r[i].GreaterThan(r[best]) {
				best = i
			}
		}
		q[best] = q[best].Add(one)
		r[best] = decimal.New(-1, 0)
	}
	out := make([]decimal.Decimal, len(weights))
	for i := range q {
		out[i] = q[i].Shift(-scale)
	}
	return out
}
