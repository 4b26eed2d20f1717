package evaluation

import "math/big"

// A scorecard's Grade is the band of its unrounded total, so that it does
// not depend on the scale: rounding the contributions can move Total across
// a band's threshold, but never the grade. The unrounded total is
//
//	Σ w_l·s_l / Σ w_l
//
// over the leaves with a value, with w_l the leaf's global weight and s_l
// its score computed from the unrounded value (for Aggregate, the party
// weights' exact shares of the exact central values), as a fraction.

// exactTotal returns the unrounded total of the scores (nil for a leaf
// without a value) under the leaves' global weights.
func exactTotal(scores []*big.Rat, leaves []Leaf) *big.Rat {
	num, den, t := new(big.Rat), new(big.Rat), new(big.Rat)
	for i, s := range scores {
		if s == nil {
			continue
		}
		w := leaves[i].Weight.Rat()
		num.Add(num, t.Mul(w, s))
		den.Add(den, w)
	}
	if den.Sign() == 0 {
		return num
	}
	return num.Quo(num, den)
}

// exactScore returns v on 0–100 by the scale and direction, unrounded.
func exactScore(v *big.Rat, s Scale, d Direction) *big.Rat {
	num := new(big.Rat).Sub(v, s.Min.Rat())
	if d == Cost {
		num.Sub(s.Max.Rat(), v)
	}
	num.Mul(num, big.NewRat(100, 1))
	return num.Quo(num, s.Max.Sub(s.Min).Rat())
}

// gradeExact returns the grade of an unrounded score.
func (b Bands) gradeExact(score *big.Rat) string {
	for _, band := range b.Bands {
		if score.Cmp(band.Min.Rat()) >= 0 {
			return band.Grade
		}
	}
	return b.Default
}
