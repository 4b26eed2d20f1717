package evaluation

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Fixed-point helpers: a value at scale s is the int64 v meaning v·10^-s.
// Every operation reports overflow instead of wrapping.

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// mulDivRound returns a·b/c rounded half away from zero; ok is false when
// c is zero or the result does not fit in an int64.
func mulDivRound(a, b, c int64) (int64, bool) {
	if c == 0 {
		return 0, false
	}
	neg := (a < 0) != (b < 0) != (c < 0)
	hi, lo := bits.Mul64(absU(a), absU(b))
	uc := absU(c)
	if hi >= uc {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, uc)
	// r ≥ c/2, written without overflow: r ≥ c − r.
	if r >= uc-r {
		q++
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(q), true
	}
	return int64(q), true
}

func absU(a int64) uint64 {
	if a < 0 {
		return uint64(-a)
	}
	return uint64(a)
}

// mul64 returns a·b or ok false on overflow.
func mul64(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	p := a * b
	if p/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
		return 0, false
	}
	return p, true
}

// add64 returns a+b or ok false on overflow.
func add64(a, b int64) (int64, bool) {
	s := a + b
	if (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0) {
		return 0, false
	}
	return s, true
}

// fixedOf returns d at scale s exactly; ok is false when d has more than s
// decimal places or does not fit.
func fixedOf(d decimal.Decimal, s int32) (int64, bool) {
	if d.NumDigits() > 18 || s < 0 || int(s) >= len(pow10) {
		return 0, false
	}
	c, e := d.CoefficientInt64(), d.Exponent()
	switch {
	case e == -s:
		return c, true
	case e > -s:
		k := int(e + s)
		if k >= len(pow10) {
			return 0, false
		}
		return mul64(c, pow10[k])
	}
	k := int(-s - e)
	if k >= len(pow10) || c%pow10[k] != 0 {
		return 0, false
	}
	return c / pow10[k], true
}

// places returns the number of decimal places d is written with (0 for
// integers).
func places(d decimal.Decimal) int32 {
	if e := d.Exponent(); e < 0 {
		return -e
	}
	return 0
}

// decimalCache hands out the decimal of a fixed-point value at one scale,
// building each distinct value once: scorecards repeat the same few
// values (means of small integers) many times, and a decimal.Decimal is
// immutable, so sharing is safe.
type decimalCache struct {
	scale int32
	m     map[int64]decimal.Decimal
}

func newDecimalCache(scale int32) *decimalCache {
	return &decimalCache{scale: scale, m: map[int64]decimal.Decimal{}}
}

func (c *decimalCache) get(v int64) decimal.Decimal {
	d, ok := c.m[v]
	if !ok {
		d = decimal.New(v, -c.scale)
		c.m[v] = d
	}
	return d
}
