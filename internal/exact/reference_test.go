package exact

import (
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
)

// The checks below hold every operation to shopspring/decimal, computed on
// arbitrary-precision integers, as the slow reference: when an operation
// reports ok its result is the reference's, and when it reports not ok the
// reference's result is outside what the operation documents (no int64
// holds it, it is not exact, or a shift is out of range). They are shared
// by the fuzz targets and the seeded random test.

// int64Of returns x when it fits in an int64.
func int64Of(x *big.Int) (int64, bool) {
	if !x.IsInt64() {
		return 0, false
	}
	return x.Int64(), true
}

// integerOf returns the integer d when d is one (after DivRound at
// precision 0, or a Shift that leaves no places).
func integerOf(d decimal.Decimal) (*big.Int, bool) {
	if !d.IsInteger() {
		return nil, false
	}
	return d.BigInt(), true
}

// checkResult asserts that (got, ok) is the reference want when that fits
// in an int64 and is not ok otherwise.
func checkResult(t *testing.T, op string, got int64, ok bool, want *big.Int) {
	t.Helper()
	w, fits := int64Of(want)
	if !assert.Equal(t, fits, ok, "%s: ok must be %v (exact result %s)", op, fits, want) {
		return
	}
	if ok {
		assert.Equal(t, w, got, "%s", op)
	} else {
		assert.Zero(t, got, "%s: a refused operation returns 0", op)
	}
}

func bigOf(v int64) *big.Int { return big.NewInt(v) }

// checkInt64 checks Add, Sub, Mul, MulDivRound, DivRound, Rescale and
// Pow10 on one set of operands.
func checkInt64(t *testing.T, a, b, c int64, shift int32) {
	t.Helper()
	got, ok := Add(a, b)
	checkResult(t, fmt.Sprintf("Add(%d, %d)", a, b), got, ok, new(big.Int).Add(bigOf(a), bigOf(b)))
	got, ok = Sub(a, b)
	checkResult(t, fmt.Sprintf("Sub(%d, %d)", a, b), got, ok, new(big.Int).Sub(bigOf(a), bigOf(b)))
	got, ok = Mul(a, b)
	checkResult(t, fmt.Sprintf("Mul(%d, %d)", a, b), got, ok, new(big.Int).Mul(bigOf(a), bigOf(b)))

	got, ok = MulDivRound(a, b, c)
	if c == 0 {
		assert.False(t, ok, "MulDivRound(%d, %d, 0) is refused", a, b)
	} else {
		prod := decimal.NewFromBigInt(new(big.Int).Mul(bigOf(a), bigOf(b)), 0)
		want, _ := integerOf(prod.DivRound(decimal.New(c, 0), 0))
		checkResult(t, fmt.Sprintf("MulDivRound(%d, %d, %d)", a, b, c), got, ok, want)
	}

	got, ok = DivRound(a, b, shift)
	if b == 0 || shift < -MaxShift || shift > MaxShift {
		assert.False(t, ok, "DivRound(%d, %d, %d) is refused", a, b, shift)
	} else {
		want, _ := integerOf(decimal.New(a, shift).DivRound(decimal.New(b, 0), 0))
		checkResult(t, fmt.Sprintf("DivRound(%d, %d, %d)", a, b, shift), got, ok, want)
	}

	// Rescale from scale shift to scale shift + k for k in a band around
	// the limits, including from = to.
	for _, k := range []int32{0, 1, -1, int32(c % 20), MaxShift, -MaxShift, MaxShift + 1, -MaxShift - 1} {
		from, to := shift, shift+k
		got, ok = Rescale(a, from, to)
		if k > MaxShift || k < -MaxShift {
			assert.False(t, ok, "Rescale(%d, %d, %d): scales too far apart", a, from, to)
			continue
		}
		want, exact := integerOf(decimal.New(a, -from).Shift(to))
		if !exact {
			assert.False(t, ok, "Rescale(%d, %d, %d) would drop digits", a, from, to)
			continue
		}
		checkResult(t, fmt.Sprintf("Rescale(%d, %d, %d)", a, from, to), got, ok, want)
	}

	got, ok = Pow10(shift)
	if shift < 0 || shift > MaxShift {
		assert.False(t, ok, "Pow10(%d) is refused", shift)
	} else {
		checkResult(t, fmt.Sprintf("Pow10(%d)", shift), got, ok, new(big.Int).Exp(bigOf(10), bigOf(int64(shift)), nil))
	}
}

// alignFits reports whether a and b, both with at most 18 digits, can be
// brought to the smaller exponent within an int64.
func alignFits(a, b decimal.Decimal) bool {
	if a.Exponent() < b.Exponent() {
		a, b = b, a
	}
	k := int64(a.Exponent()) - int64(b.Exponent())
	if k > MaxShift {
		return false
	}
	_, ok := int64Of(a.Shift(-b.Exponent()).BigInt())
	return ok
}

// checkFixed checks FixedOf, Fixed.Decimal, Fixed.Cmp, Fixed.Add, Fixed.Sub, Compare,
// FromDecimal, Places and BigOf on two decimals and a scale.
func checkFixed(t *testing.T, a, b decimal.Decimal, scale int32) {
	t.Helper()
	fa, okA := FixedOf(a)
	fb, okB := FixedOf(b)
	for _, c := range []struct {
		d  decimal.Decimal
		f  Fixed
		ok bool
	}{{a, fa, okA}, {b, fb, okB}} {
		fits := c.d.NumDigits() <= 18 && c.d.Exponent() != math.MinInt32
		if !assert.Equal(t, fits, c.ok, "FixedOf(%s): ok", c.d) || !c.ok {
			continue
		}
		back := c.f.Decimal()
		assert.True(t, back.Equal(c.d), "FixedOf(%s).Decimal() = %s", c.d, back)
		assert.Equal(t, c.d.Exponent(), back.Exponent(), "FixedOf(%s).Decimal() keeps the exponent", c.d)
	}

	// decimal aligns exponents with a power of ten as large as their gap:
	// the reference is only asked about gaps it can afford.
	near := math.Abs(float64(a.Exponent())-float64(b.Exponent())) <= 64
	if near {
		assert.Equal(t, a.Cmp(b), Compare(a, b), "Compare(%s, %s)", a, b)
	}

	if okA && okB {
		aligned := near && alignFits(a, b)
		order, ok := fa.Cmp(fb)
		if assert.Equal(t, aligned, ok, "Cmp(%s, %s): ok", a, b) && ok {
			assert.Equal(t, a.Cmp(b), order, "Cmp(%s, %s)", a, b)
		}
		for _, op := range []struct {
			name  string
			exact func(Fixed, Fixed) (Fixed, bool)
			want  func(decimal.Decimal, decimal.Decimal) decimal.Decimal
		}{{"Add", Fixed.Add, decimal.Decimal.Add}, {"Sub", Fixed.Sub, decimal.Decimal.Sub}} {
			d, ok := op.exact(fa, fb)
			if !near {
				assert.False(t, ok, "%s(%s, %s): exponents too far apart", op.name, a, b)
				continue
			}
			want := op.want(a, b)
			_, fits := int64Of(want.Coefficient())
			if assert.Equal(t, aligned && fits, ok, "%s(%s, %s) = %s: ok", op.name, a, b, want) && ok {
				got := d.Decimal()
				assert.True(t, got.Equal(want), "%s(%s, %s) = %s, got %s", op.name, a, b, want, got)
				assert.Equal(t, want.Exponent(), got.Exponent(), "%s(%s, %s) at the smaller exponent", op.name, a, b)
			}
		}
	}

	var wantPlaces int32
	switch e := a.Exponent(); {
	case e == math.MinInt32:
		wantPlaces = math.MaxInt32
	case e < 0:
		wantPlaces = -e
	}
	assert.Equal(t, wantPlaces, Places(a), "Places(%s)", a)

	v, ok := FromDecimal(a, scale)
	k := -int64(a.Exponent()) - int64(scale)
	switch {
	case scale < 0 || scale > MaxShift || !okA || k > MaxShift || k < -MaxShift:
		assert.False(t, ok, "FromDecimal(%s, %d) is refused", a, scale)
	default:
		want, exact := integerOf(a.Shift(scale))
		if !exact {
			assert.False(t, ok, "FromDecimal(%s, %d) is not exact", a, scale)
		} else {
			checkResult(t, fmt.Sprintf("FromDecimal(%s, %d)", a, scale), v, ok, want)
		}
	}

	var out big.Int
	out.SetInt64(7)
	shift := int64(a.Exponent()) + int64(scale)
	ok = BigOf(a, scale, &out)
	if shift < 0 || shift > MaxBigShift {
		assert.False(t, ok, "BigOf(%s, %d) is refused", a, scale)
		assert.Equal(t, int64(7), out.Int64(), "BigOf(%s, %d) leaves out alone when refused", a, scale)
	} else if assert.True(t, ok, "BigOf(%s, %d)", a, scale) {
		assert.Equal(t, 0, a.Shift(scale).BigInt().Cmp(&out), "BigOf(%s, %d) = %s", a, scale, &out)
	}
}

// checkBig checks BigDivRound and BigMulPow10.
func checkBig(t *testing.T, num, den *big.Int, n int32) {
	t.Helper()
	var q, r big.Int
	q.SetInt64(7)
	ok := BigDivRound(&q, &r, num, den)
	if den.Sign() == 0 {
		assert.False(t, ok, "BigDivRound(%s, 0) is refused", num)
		assert.Equal(t, int64(7), q.Int64(), "a refused BigDivRound leaves q alone")
	} else if assert.True(t, ok, "BigDivRound(%s, %s)", num, den) {
		want, _ := integerOf(decimal.NewFromBigInt(num, 0).DivRound(decimal.NewFromBigInt(den, 0), 0))
		assert.Equal(t, 0, want.Cmp(&q), "BigDivRound(%s, %s) = %s, got %s", num, den, want, &q)
	}

	var z big.Int
	ok = BigMulPow10(&z, num, n)
	if n < 0 || n > MaxBigShift {
		assert.False(t, ok, "BigMulPow10(%s, %d) is refused", num, n)
	} else if assert.True(t, ok, "BigMulPow10(%s, %d)", num, n) {
		want := decimal.NewFromBigInt(num, n).BigInt()
		assert.Equal(t, 0, want.Cmp(&z), "BigMulPow10(%s, %d) = %s, got %s", num, n, want, &z)
	}
}
