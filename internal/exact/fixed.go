package exact

import (
	"cmp"
	"math"
	"math/big"

	"github.com/shopspring/decimal"
)

// maxDigits is the most decimal digits a coefficient may have for FixedOf:
// every 18-digit integer fits in an int64, and decimal.Decimal offers no
// allocation-free test for the 19-digit ones that do.
const maxDigits = 18

// Fixed is a decimal number whose coefficient fits in an int64, held with
// its own scale: the value v·10^-scale, as decimal.Decimal holds v·10^exp
// with exp = −scale. It exists so that decimals of different exponents
// can be compared and subtracted without allocating.
//
// The zero value is 0 at scale 0. == compares the representation (1.0 and
// 1.00 differ); Cmp compares values. A Fixed is a plain value, safe to
// copy and share.
type Fixed struct {
	v     int64
	scale int32
}

// FixedOf returns d as a Fixed, exactly, with d's own scale (−exponent).
// ok is false when d's coefficient has more than 18 digits or its exponent
// is math.MinInt32 (whose negation is no int32).
func FixedOf(d decimal.Decimal) (Fixed, bool) {
	e := d.Exponent()
	if e == math.MinInt32 || d.NumDigits() > maxDigits {
		return Fixed{}, false
	}
	return Fixed{v: d.CoefficientInt64(), scale: -e}, true
}

// Decimal returns f as a decimal.Decimal with coefficient and exponent
// exactly f's; nothing is rounded.
func (f Fixed) Decimal() decimal.Decimal {
	return decimal.New(f.v, -f.scale)
}

// Cmp compares a with b exactly, returning −1, 0 or +1 as a is less than,
// equal to or greater than b. Both are brought to the larger scale first;
// ok is false when that does not fit in an int64 (or the scales are more
// than MaxShift apart), and the caller must compare another way.
func (a Fixed) Cmp(b Fixed) (int, bool) {
	x, y, _, ok := align(a, b)
	if !ok {
		return 0, false
	}
	switch {
	case x < y:
		return -1, true
	case x > y:
		return 1, true
	}
	return 0, true
}

// Add returns a + b exactly, at the larger of the two scales (the
// smaller exponent, as decimal.Decimal's Add gives). ok is false when the
// aligned operands or the sum do not fit in an int64.
func (a Fixed) Add(b Fixed) (Fixed, bool) { return a.combine(b, Add) }

// Sub returns a − b exactly, at the larger of the two scales (the
// smaller exponent, as decimal.Decimal's Sub gives). ok is false when the
// aligned operands or the difference do not fit in an int64.
func (a Fixed) Sub(b Fixed) (Fixed, bool) { return a.combine(b, Sub) }

// combine applies op to a and b brought to the larger of their scales.
func (a Fixed) combine(b Fixed, op func(x, y int64) (int64, bool)) (Fixed, bool) {
	x, y, s, ok := align(a, b)
	if !ok {
		return Fixed{}, false
	}
	v, ok := op(x, y)
	if !ok {
		return Fixed{}, false
	}
	return Fixed{v: v, scale: s}, true
}

// align returns a and b at the larger of their scales.
func align(a, b Fixed) (x, y int64, scale int32, ok bool) {
	switch {
	case a.scale == b.scale:
		return a.v, b.v, a.scale, true
	case a.scale < b.scale:
		x, ok = Rescale(a.v, a.scale, b.scale)
		return x, b.v, b.scale, ok
	default:
		y, ok = Rescale(b.v, b.scale, a.scale)
		return a.v, y, a.scale, ok
	}
}

// Compare returns a.Cmp(b): −1, 0 or +1 as a is less than, equal to or
// greater than b, exactly. It compares int64 coefficients without
// allocating when both fit (see FixedOf and Fixed.Cmp) and falls back to
// decimal's Cmp otherwise. decimal's Cmp brings both operands to the
// smaller exponent, which for a decimal built in Go with an exponent such
// as math.MaxInt32 is a power of ten no memory holds: when either
// exponent lies beyond ±MaxExponent, Compare decides by the signs, then
// by the magnitudes (the position of the leading digit), and only then by
// the coefficients padded to the same number of digits, which costs no
// more than the coefficients themselves.
func Compare(a, b decimal.Decimal) int {
	if x, ok := FixedOf(a); ok {
		if y, ok := FixedOf(b); ok {
			if order, ok := x.Cmp(y); ok {
				return order
			}
		}
	}
	if Tame(a) && Tame(b) {
		return a.Cmp(b)
	}
	sa, sb := a.Sign(), b.Sign()
	if sa != sb || sa == 0 {
		return cmp.Compare(sa, sb)
	}
	return sa * compareAbs(a, b)
}

// compareAbs compares |a| with |b|, both non-zero, without rescaling
// either by its exponent.
func compareAbs(a, b decimal.Decimal) int {
	da, db := a.NumDigits(), b.NumDigits()
	// 10^(lead−1) ≤ |d| < 10^lead, with lead = exponent + digits.
	if c := cmp.Compare(int64(a.Exponent())+int64(da), int64(b.Exponent())+int64(db)); c != 0 {
		return c
	}
	x := new(big.Int).Abs(a.Coefficient())
	y := new(big.Int).Abs(b.Coefficient())
	ten := big.NewInt(10)
	switch {
	case da < db:
		x.Mul(x, new(big.Int).Exp(ten, big.NewInt(int64(db-da)), nil))
	case db < da:
		y.Mul(y, new(big.Int).Exp(ten, big.NewInt(int64(da-db)), nil))
	}
	return x.Cmp(y)
}

// FromDecimal returns d as a fixed-point value at scale (the int64 v with
// d = v·10^-scale), exactly; nothing is rounded. scale is 0 to MaxShift.
// ok is false for any other scale, when d is not a multiple of
// 10^-scale, when d's coefficient has more than 18 digits, and when the
// value does not fit in an int64.
func FromDecimal(d decimal.Decimal, scale int32) (int64, bool) {
	if scale < 0 || scale > MaxShift {
		return 0, false
	}
	f, ok := FixedOf(d)
	if !ok {
		return 0, false
	}
	return Rescale(f.v, f.scale, scale)
}

// Places returns the number of decimal places d is written with: its
// scale, −exponent, or 0 for a non-negative exponent (an integer). The
// exponent math.MinInt32, whose negation is no int32, gives
// math.MaxInt32.
func Places(d decimal.Decimal) int32 {
	if e := d.Exponent(); e < 0 {
		if e == math.MinInt32 {
			return math.MaxInt32
		}
		return -e
	}
	return 0
}
