package risk

import "github.com/shopspring/decimal"

// Detection compares millions of small decimals; decimal.Decimal's Cmp and
// Sub allocate when exponents differ. These helpers do the same exact
// arithmetic on int64 coefficients when both operands have at most 18
// digits, and fall back to the decimal methods otherwise.

// pow10 holds 10^0 … 10^18.
var pow10 = func() [19]int64 {
	var p [19]int64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// small is a decimal coef × 10^exp whose coefficient has at most 18 digits.
type small struct {
	coef   int64
	exp    int32
	digits int
}

func smallOf(d decimal.Decimal) (small, bool) {
	n := d.NumDigits()
	if n > 18 {
		return small{}, false
	}
	return small{coef: d.CoefficientInt64(), exp: d.Exponent(), digits: n}, true
}

// align brings a and b to the smaller exponent; ok is false when a
// coefficient would exceed 18 digits.
func align(a, b small) (int64, int64, int32, bool) {
	switch {
	case a.exp == b.exp:
		return a.coef, b.coef, a.exp, true
	case a.exp > b.exp:
		d := int(a.exp - b.exp)
		if a.digits+d > 18 {
			return 0, 0, 0, false
		}
		return a.coef * pow10[d], b.coef, b.exp, true
	default:
		d := int(b.exp - a.exp)
		if b.digits+d > 18 {
			return 0, 0, 0, false
		}
		return a.coef, b.coef * pow10[d], a.exp, true
	}
}

// compareSmall compares a with b on int64 coefficients; ok is false when
// b or the alignment does not fit.
func compareSmall(a small, b decimal.Decimal) (int, bool) {
	sb, ok := smallOf(b)
	if !ok {
		return 0, false
	}
	x, y, _, ok := align(a, sb)
	if !ok {
		return 0, false
	}
	return cmpInt64(x, y), true
}

// compareDecimals is a.Cmp(b) without allocation for small operands.
func compareDecimals(a, b decimal.Decimal) int {
	if sa, ok := smallOf(a); ok {
		if order, ok := compareSmall(sa, b); ok {
			return order
		}
	}
	return a.Cmp(b)
}

func digitsOf(v int64) int {
	u := uint64(v)
	if v < 0 {
		u = -u
	}
	n := 1
	for u >= 10 {
		u /= 10
		n++
	}
	return n
}

// change returns last − first and whether "change c threshold" holds,
// allocating the difference only when it holds or the operands are large.
func change(c Comparison, last, first, threshold decimal.Decimal) (decimal.Decimal, bool) {
	sl, okL := smallOf(last)
	sf, okF := smallOf(first)
	st, okT := smallOf(threshold)
	if okL && okF && okT {
		if x, y, exp, ok := align(sl, sf); ok {
			// |x|, |y| < 10^18, so the difference fits in int64.
			diff := x - y
			if d := digitsOf(diff); d <= 18 {
				if u, v, _, ok := align(small{coef: diff, exp: exp, digits: d}, st); ok {
					if !c.holdsOrder(cmpInt64(u, v)) {
						return decimal.Decimal{}, false
					}
					return decimal.New(diff, exp), true
				}
			}
		}
	}
	v := last.Sub(first)
	return v, c.Holds(v, threshold)
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
