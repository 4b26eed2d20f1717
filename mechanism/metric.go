package mechanism

import (
	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/exact"
)

// Scale is the number of decimal places of every value this package
// computes. Rounding is half away from zero (for the non-negative values
// of metrics: half up, 四舍五入) and happens once per step, as
// decimal.DivRound does it: the exact quotient is rounded, never a
// truncated one.
const Scale = 4

// scaleFactor is 10^Scale.
const scaleFactor = 10_000

var (
	zero     = decimal.Zero
	one      = decimal.NewFromInt(1)
	thousand = decimal.NewFromInt(1000)
	// unitAtScale and zeroAtScale are 1 and 0 with Scale places, so that
	// normalised values all share one exponent and compare without
	// rescaling.
	unitAtScale = decimal.New(scaleFactor, -Scale)
	zeroAtScale = decimal.New(0, -Scale)
)

// Metric is one measured value of a community.
//
// Value is Numerator / Denominator rounded to Scale places (half away from
// zero); the invariant holds for every metric with OK set, so any consumer
// can re-derive and check it. When the denominator is zero (nothing to
// measure) Value is 0 and OK is false: never NaN, never a guess. A
// metric that would read a decimal whose exponent lies beyond ±10,000
// (one built in Go; see the package's Guarantees) is not OK either, with
// Value, Numerator and Denominator 0. Raw counts have Denominator 1.
// Subject is empty for a community-wide metric and names the function,
// resource kind or other part otherwise.
//
// Name, Unit, Layer, Mechanism and Direction repeat the code's Definition
// so a dashboard can show a metric without a lookup.
type Metric struct {
	Code        Code            `json:"code"`
	Subject     string          `json:"subject,omitempty"`
	Name        string          `json:"name"`
	Value       decimal.Decimal `json:"value"`
	Numerator   decimal.Decimal `json:"numerator"`
	Denominator decimal.Decimal `json:"denominator"`
	OK          bool            `json:"ok"`
	Unit        Unit            `json:"unit"`
	Layer       Layer           `json:"layer"`
	Mechanism   Mechanism       `json:"mechanism"`
	Direction   Direction       `json:"direction"`
}

// defined returns the metric c of subject with no value yet: the fields
// that repeat c's Definition filled in.
func defined(c Code, subject string) Metric {
	d, _ := c.Definition()
	return Metric{
		Code: c, Subject: subject, Name: d.Name,
		Unit: d.Unit, Layer: d.Layer, Mechanism: d.Mechanism, Direction: d.Direction,
	}
}

// newMetric returns the metric c with Value = num / den at Scale, or a
// zero value that is not OK when den is not positive. When num or den is
// untame it returns unusable(c, subject) without computing with either.
func newMetric(c Code, subject string, num, den decimal.Decimal) Metric {
	if !exact.Tame(num, den) {
		return unusable(c, subject)
	}
	m := defined(c, subject)
	m.Numerator, m.Denominator, m.Value = num, den, zero
	if den.Sign() > 0 {
		m.Value = num.DivRound(den, Scale)
		m.OK = true
	}
	return m
}

// orZero returns d when it is tame (exact.Tame) and 0 otherwise, so
// that a result never carries a value that could not be computed with or
// printed.
func orZero(d decimal.Decimal) decimal.Decimal {
	if exact.Tame(d) {
		return d
	}
	return zero
}

// unusable returns the metric c of subject for inputs that include an
// untame decimal: not OK, with Value, Numerator and Denominator 0.
func unusable(c Code, subject string) Metric {
	m := defined(c, subject)
	m.Value, m.Numerator, m.Denominator = zero, zero, zero
	return m
}

// maxFastNumerator bounds the numerators ratio divides in int64: num ×
// 10^Scale must not overflow.
const maxFastNumerator = 1 << 48

// ratio is newMetric over integer counts. For the counts met in practice
// it rounds in int64 with the same result as DivRound and a fraction of
// the allocations: the remainder test 2r ≥ den is DivRound's
// half-away-from-zero rule for a positive quotient, written r ≥ den − r
// so that it cannot overflow.
func ratio(c Code, subject string, num, den int64) Metric {
	if den <= 0 || num < 0 || num > maxFastNumerator {
		return newMetric(c, subject, decimal.NewFromInt(num), decimal.NewFromInt(den))
	}
	x := num * scaleFactor
	q, r := x/den, x%den
	if r >= den-r {
		q++
	}
	m := defined(c, subject)
	m.Numerator, m.Denominator = decimal.NewFromInt(num), decimal.NewFromInt(den)
	m.Value, m.OK = decimal.New(q, -Scale), true
	return m
}

// count is a raw count: its own numerator over 1. Value and Numerator
// share one immutable decimal.
func count(c Code, n int64) Metric {
	m := defined(c, "")
	v := decimal.NewFromInt(n)
	m.Value, m.Numerator, m.Denominator, m.OK = v, v, one, true
	return m
}

// complement is 1 − num/den written as (den − num)/den so that the
// Value = Numerator / Denominator invariant still holds.
func complement(c Code, num, den int64) Metric {
	return ratio(c, "", den-num, den)
}

// meanOf returns the metric c whose numerator is the sum of the values of
// the OK members and whose denominator is their number.
func meanOf(c Code, members []Metric) Metric {
	sum, n := zero, int64(0)
	for _, m := range members {
		if m.OK {
			sum = sum.Add(m.Value)
			n++
		}
	}
	return newMetric(c, "", sum, decimal.NewFromInt(n))
}
