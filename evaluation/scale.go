package evaluation

import (
	"fmt"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/shopspring/decimal"
)

// Scale is the closed range [Min, Max] of raw values an indicator takes:
// Likert(5) is 1–5, Percent() is 0–100. The zero value is invalid.
type Scale struct {
	Min decimal.Decimal `json:"min"`
	Max decimal.Decimal `json:"max"`
}

// Likert returns the scale 1..points of a Likert item (points ≥ 2).
func Likert(points int) Scale {
	return Scale{Min: one, Max: decimal.NewFromInt(int64(points))}
}

// Percent returns the scale 0..100.
func Percent() Scale {
	return Scale{Min: decimal.Zero, Max: decimal.NewFromInt(100)}
}

// Validate reports a scale whose Min is not below its Max
// (grassroots.RuleOrder at "max"), and a bound written with an exponent
// beyond ±10,000, which no JSON carries (RuleMax, or RuleFormat for a
// negative exponent).
func (s Scale) Validate() error {
	var p validate.Problems
	minOK, maxOK := p.Tame("min", s.Min), p.Tame("max", s.Max)
	if minOK && maxOK && !s.Min.LessThan(s.Max) {
		p.Addf("max", grassroots.RuleOrder, "max %s must be greater than min %s", s.Max, s.Min)
	}
	return p.Err()
}

// Contains reports whether v lies in [Min, Max], exactly, whatever the
// exponents of the three numbers.
func (s Scale) Contains(v decimal.Decimal) bool {
	return exact.Compare(v, s.Min) >= 0 && exact.Compare(v, s.Max) <= 0
}

// Normalize maps v from the scale onto 0–100, where 100 is the best value
// in direction d: (v − Min)/(Max − Min)·100 for Benefit and
// (Max − v)/(Max − Min)·100 for Cost, rounded to scale places half away
// from zero (a zero scale means DefaultScale). A value off the scale, an
// invalid scale or an invalid direction is an error, and so is a value
// written with an exponent beyond ±10,000 (a *grassroots.ValidationError
// at "value" that matches ErrValue).
func (s Scale) Normalize(v decimal.Decimal, d Direction, scale int32) (decimal.Decimal, error) {
	sc, err := resolveScale(scale)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if err := s.Validate(); err != nil {
		return decimal.Decimal{}, err
	}
	if !d.IsValid() {
		return decimal.Decimal{}, fmt.Errorf("%w: direction %v", ErrOption, d)
	}
	if err := untame(ErrValue, "value", v); err != nil {
		return decimal.Decimal{}, err
	}
	if !s.Contains(v) {
		return decimal.Decimal{}, fmt.Errorf("%w: %s outside the scale %s..%s", ErrValue, v, s.Min, s.Max)
	}
	return s.normalize(v, d, sc), nil
}

var hundred = decimal.NewFromInt(100)

func (s Scale) normalize(v decimal.Decimal, d Direction, scale int32) decimal.Decimal {
	num := v.Sub(s.Min)
	if d == Cost {
		num = s.Max.Sub(v)
	}
	return num.Mul(hundred).DivRound(s.Max.Sub(s.Min), scale)
}
