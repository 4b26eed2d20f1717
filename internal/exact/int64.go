package exact

import (
	"math"
	"math/bits"
)

// MaxShift is the largest number of decimal places by which an int64
// value is rescaled: 10^18 is the largest power of ten an int64 holds.
const MaxShift = 18

// pow10 holds 10^0 … 10^18.
var pow10 = func() [MaxShift + 1]int64 {
	var p [MaxShift + 1]int64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// maxTimesPow10[k] is the largest v with v·10^k ≤ MaxInt64. The bound is
// symmetric: no power of ten from 10^1 on divides 2^63, so −v·10^k fits
// for the same v.
var maxTimesPow10 = func() [MaxShift + 1]int64 {
	var m [MaxShift + 1]int64
	for k := range m {
		m[k] = math.MaxInt64 / pow10[k]
	}
	return m
}()

// Pow10 returns 10^n, an integer (scale 0), for 0 ≤ n ≤ MaxShift; ok is
// false for any other n.
func Pow10(n int32) (int64, bool) {
	if n < 0 || n > MaxShift {
		return 0, false
	}
	return pow10[n], true
}

// Add returns a + b exactly. a, b and the sum share one scale; nothing is
// rounded. ok is false when the sum does not fit in an int64.
func Add(a, b int64) (int64, bool) {
	s := a + b
	// Overflow iff a and b have the same sign and s the other one.
	if (a^s)&(b^s) < 0 {
		return 0, false
	}
	return s, true
}

// Sub returns a − b exactly. a, b and the difference share one scale;
// nothing is rounded. ok is false when the difference does not fit in an
// int64.
func Sub(a, b int64) (int64, bool) {
	d := a - b
	// Overflow iff a and b have different signs and d differs from a.
	if (a^b)&(a^d) < 0 {
		return 0, false
	}
	return d, true
}

// Mul returns a × b exactly. The product's scale is the sum of the
// operands' scales; nothing is rounded. ok is false when the product does
// not fit in an int64.
func Mul(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(abs(a), abs(b))
	if hi != 0 {
		return 0, false
	}
	return signed(lo, (a < 0) != (b < 0))
}

// MulDivRound returns a × b / c rounded half away from zero to an integer,
// from the exact 128-bit product: the result's scale is scale(a) +
// scale(b) − scale(c). ok is false when c is zero or the rounded result
// does not fit in an int64.
func MulDivRound(a, b, c int64) (int64, bool) {
	if c == 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(abs(a), abs(b))
	return quoRound(hi, lo, abs(c), (a < 0) != (b < 0) != (c < 0))
}

// DivRound returns a × 10^shift / b rounded half away from zero to an
// integer: for a at scale sa and b at scale sb, shift = to − sa + sb puts
// the quotient at scale to (a mean of n values at scale q is DivRound(sum,
// n, to − q)). The intermediate is exact in 128 bits. ok is false when b
// is zero, shift is outside −MaxShift … MaxShift, or the rounded result
// does not fit in an int64.
func DivRound(a, b int64, shift int32) (int64, bool) {
	switch {
	case b == 0 || shift < -MaxShift || shift > MaxShift:
		return 0, false
	case shift >= 0:
		return MulDivRound(a, pow10[shift], b)
	}
	neg := (a < 0) != (b < 0)
	dhi, dlo := bits.Mul64(abs(b), uint64(pow10[-shift]))
	if dhi != 0 {
		// |divisor| ≥ 2^64 ≥ 2|a|, and equality is impossible (5 divides
		// the divisor, not 2^64): the quotient is below one half.
		return 0, true
	}
	return quoRound(0, abs(a), dlo, neg)
}

// Rescale returns v, a value at scale from, at scale to, exactly: raising
// the scale multiplies by 10^(to−from), lowering it divides by
// 10^(from−to) and is refused unless v is a multiple of that power.
// Nothing is rounded. ok is false when the scales are more than MaxShift
// apart (whatever v), the result does not fit in an int64, or lowering
// would drop a non-zero digit.
func Rescale(v int64, from, to int32) (int64, bool) {
	k := int64(to) - int64(from)
	switch {
	case k == 0:
		return v, true
	case k > MaxShift || k < -MaxShift:
		return 0, false
	case k > 0:
		if v > maxTimesPow10[k] || v < -maxTimesPow10[k] {
			return 0, false
		}
		return v * pow10[k], true
	}
	p := pow10[-k]
	if v%p != 0 {
		return 0, false
	}
	return v / p, true
}

// quoRound returns ±(hi·2^64 + lo) / c rounded half away from zero, the
// sign given by neg; c > 0.
func quoRound(hi, lo, c uint64, neg bool) (int64, bool) {
	if hi >= c {
		return 0, false // the quotient needs more than 64 bits
	}
	q, r := bits.Div64(hi, lo, c)
	if q > 1<<63 {
		return 0, false
	}
	// 2r ≥ c, written without overflow (r < c).
	if r >= c-r {
		q++ // q ≤ 2^63 + 1: no wrap
	}
	return signed(q, neg)
}

// signed returns the int64 of magnitude u and the given sign, ok false
// when it does not fit (u > 2^63, or u = 2^63 and positive).
func signed(u uint64, neg bool) (int64, bool) {
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return int64(-u), true // −2^63 wraps to math.MinInt64, as it should
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

// abs returns |a| as a uint64; |math.MinInt64| = 2^63 fits.
func abs(a int64) uint64 {
	if a < 0 {
		return -uint64(a)
	}
	return uint64(a)
}
