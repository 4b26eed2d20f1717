package exact

import (
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// tieRows are quotients at or beside a half, written for a result scale
// s: %d in in stands for s+off, in want for s. in at scale s+off divided
// by den and rounded to scale s must give want.
var tieRows = []struct {
	in   string
	off  int32
	den  int64
	want string
}{
	{"5e-%d", 1, 1, "1e-%d"},       // 0.5 → 1
	{"-5e-%d", 1, 1, "-1e-%d"},     // −0.5 → −1
	{"15e-%d", 1, 1, "2e-%d"},      // 1.5 → 2
	{"-15e-%d", 1, 1, "-2e-%d"},    // −1.5 → −2
	{"25e-%d", 1, 1, "3e-%d"},      // 2.5 → 3, not to even
	{"-25e-%d", 1, 1, "-3e-%d"},    // −2.5 → −3
	{"249e-%d", 2, 1, "2e-%d"},     // just below the half
	{"-249e-%d", 2, 1, "-2e-%d"},   //
	{"251e-%d", 2, 1, "3e-%d"},     // just above it
	{"-251e-%d", 2, 1, "-3e-%d"},   //
	{"1e-%d", 0, 2, "1e-%d"},       // 1/2 → 1
	{"-1e-%d", 0, 2, "-1e-%d"},     // −1/2 → −1
	{"1e-%d", 0, -2, "-1e-%d"},     // a negative divisor
	{"-1e-%d", 0, -2, "1e-%d"},     //
	{"5e-%d", 0, 2, "3e-%d"},       // 5/2 → 3
	{"3e-%d", 0, 4, "1e-%d"},       // 3/4 → 1
	{"1e-%d", 0, 4, "0e-%d"},       // 1/4 → 0
	{"-3e-%d", 0, 4, "-1e-%d"},     //
	{"25e-%d", 1, 5, "1e-%d"},      // 2.5/5 = 0.5 → 1
	{"-75e-%d", 1, 10, "-1e-%d"},   // −7.5/10 = −0.75 → −1
	{"45e-%d", 2, 1, "0e-%d"},      // 0.45 → 0, a single rounding
	{"-45e-%d", 2, 1, "0e-%d"},     //
	{"4999e-%d", 4, 1, "0e-%d"},    //
	{"50001e-%d", 5, 1, "1e-%d"},   //
	{"-50001e-%d", 5, 1, "-1e-%d"}, //
}

// Ties go away from zero at every scale, through DivRound (and so
// MulDivRound) and BigDivRound alike, as decimal's DivRound does.
func TestRoundingTiesAtEveryScale(t *testing.T) {
	for s := int32(0); s <= MaxShift; s++ {
		for _, row := range tieRows {
			if s+row.off > MaxShift {
				continue
			}
			in, want := dec(fmt.Sprintf(row.in, s+row.off)), dec(fmt.Sprintf(row.want, s))
			name := fmt.Sprintf("%s / %d at scale %d", in, row.den, s)
			require.True(t, in.DivRound(decimal.New(row.den, 0), s).Equal(want), "%s: the row agrees with decimal", name)

			v, ok := FromDecimal(in, s+row.off)
			require.True(t, ok, "%s: the operand fits", name)
			w, ok := FromDecimal(want, s)
			require.True(t, ok, "%s: the result fits", name)
			got, ok := DivRound(v, row.den, -row.off)
			assert.True(t, ok, "%s: DivRound", name)
			assert.Equal(t, w, got, "%s: DivRound", name)
			p, _ := Pow10(row.off)
			got, ok = MulDivRound(v, 1, row.den*p)
			assert.True(t, ok, "%s: MulDivRound", name)
			assert.Equal(t, w, got, "%s: MulDivRound", name)

			var num, den, q, r big.Int
			require.True(t, BigOf(in, s+row.off, &num), "%s: BigOf", name)
			den.SetInt64(row.den * p)
			assert.True(t, BigDivRound(&q, &r, &num, &den), "%s: BigDivRound", name)
			assert.Equal(t, w, q.Int64(), "%s: BigDivRound", name)
		}
	}
}

func TestInt64Limits(t *testing.T) {
	const maxI, minI = math.MaxInt64, math.MinInt64
	rows := []struct {
		name string
		got  func() (int64, bool)
		want int64
		ok   bool
	}{
		{"Add(max, 1)", func() (int64, bool) { return Add(maxI, 1) }, 0, false},
		{"Add(min, -1)", func() (int64, bool) { return Add(minI, -1) }, 0, false},
		{"Add(max, min)", func() (int64, bool) { return Add(maxI, minI) }, -1, true},
		{"Sub(min, 1)", func() (int64, bool) { return Sub(minI, 1) }, 0, false},
		{"Sub(0, min)", func() (int64, bool) { return Sub(0, minI) }, 0, false},
		{"Sub(-1, min)", func() (int64, bool) { return Sub(-1, minI) }, maxI, true},
		{"Mul(min, -1)", func() (int64, bool) { return Mul(minI, -1) }, 0, false},
		{"Mul(min, 1)", func() (int64, bool) { return Mul(minI, 1) }, minI, true},
		{"Mul(2^62, -2)", func() (int64, bool) { return Mul(1<<62, -2) }, minI, true},
		{"Mul(2^62, 2)", func() (int64, bool) { return Mul(1<<62, 2) }, 0, false},
		{"Mul(3037000500, 3037000500)", func() (int64, bool) { return Mul(3037000500, 3037000500) }, 0, false},
		{"MulDivRound(max, max, max)", func() (int64, bool) { return MulDivRound(maxI, maxI, maxI) }, maxI, true},
		{"MulDivRound(min, 1, 1)", func() (int64, bool) { return MulDivRound(minI, 1, 1) }, minI, true},
		{"MulDivRound(min, -1, 1)", func() (int64, bool) { return MulDivRound(minI, -1, 1) }, 0, false},
		{"MulDivRound(min, min, min)", func() (int64, bool) { return MulDivRound(minI, minI, minI) }, minI, true},
		{"MulDivRound(1, 1, 0)", func() (int64, bool) { return MulDivRound(1, 1, 0) }, 0, false},
		// The quotient is 2^64 − 1 and rounds up to 2^64: no wrap to 0.
		{"MulDivRound rounding up to 2^64", func() (int64, bool) {
			return MulDivRound(8434077544689866307, 4626302738514874376, 2115202329795161735)
		}, 0, false},
		{"DivRound(1, 3, 18)", func() (int64, bool) { return DivRound(1, 3, 18) }, 333_333_333_333_333_333, true},
		{"DivRound(2, 3, 18)", func() (int64, bool) { return DivRound(2, 3, 18) }, 666_666_666_666_666_667, true},
		{"DivRound(max, 1, 1)", func() (int64, bool) { return DivRound(maxI, 1, 1) }, 0, false},
		{"DivRound(max, 1, -18)", func() (int64, bool) { return DivRound(maxI, 1, -18) }, 9, true},
		{"DivRound(min, 1, -18)", func() (int64, bool) { return DivRound(minI, 1, -18) }, -9, true},
		{"DivRound(min, 1e18, -18)", func() (int64, bool) { return DivRound(minI, 1e18, -18) }, 0, true},
		{"DivRound(1, 1, 19)", func() (int64, bool) { return DivRound(1, 1, 19) }, 0, false},
		{"DivRound(1, 1, -19)", func() (int64, bool) { return DivRound(1, 1, -19) }, 0, false},
		{"DivRound(1, 0, 0)", func() (int64, bool) { return DivRound(1, 0, 0) }, 0, false},
		{"Rescale(max/10, 0, 1)", func() (int64, bool) { return Rescale(maxI/10, 0, 1) }, maxI / 10 * 10, true},
		{"Rescale(max/10+1, 0, 1)", func() (int64, bool) { return Rescale(maxI/10+1, 0, 1) }, 0, false},
		{"Rescale(-(max/10), 0, 1)", func() (int64, bool) { return Rescale(-(maxI / 10), 0, 1) }, -(maxI / 10 * 10), true},
		{"Rescale(-(max/10)-1, 0, 1)", func() (int64, bool) { return Rescale(-(maxI/10)-1, 0, 1) }, 0, false},
		{"Rescale(9, 0, 18)", func() (int64, bool) { return Rescale(9, 0, 18) }, 9e18, true},
		{"Rescale(10, 0, 18)", func() (int64, bool) { return Rescale(10, 0, 18) }, 0, false},
		{"Rescale(0, 0, 19)", func() (int64, bool) { return Rescale(0, 0, 19) }, 0, false},
		{"Rescale(0, 19, 0)", func() (int64, bool) { return Rescale(0, 19, 0) }, 0, false},
		{"Rescale(150, 2, 1)", func() (int64, bool) { return Rescale(150, 2, 1) }, 15, true},
		{"Rescale(15, 1, 0)", func() (int64, bool) { return Rescale(15, 1, 0) }, 0, false},
		{"Rescale(min, 18, 0)", func() (int64, bool) { return Rescale(minI, 18, 0) }, 0, false},
		{"Rescale(-9e18, 18, 0)", func() (int64, bool) { return Rescale(-9e18, 18, 0) }, -9, true},
		{"Rescale(1, MinInt32, MaxInt32)", func() (int64, bool) { return Rescale(1, math.MinInt32, math.MaxInt32) }, 0, false},
		{"Rescale(1, MaxInt32, MinInt32)", func() (int64, bool) { return Rescale(1, math.MaxInt32, math.MinInt32) }, 0, false},
		{"Pow10(18)", func() (int64, bool) { return Pow10(18) }, 1e18, true},
		{"Pow10(19)", func() (int64, bool) { return Pow10(19) }, 0, false},
		{"Pow10(-1)", func() (int64, bool) { return Pow10(-1) }, 0, false},
	}
	for _, row := range rows {
		got, ok := row.got()
		assert.Equal(t, row.ok, ok, "%s: ok", row.name)
		assert.Equal(t, row.want, got, "%s", row.name)
	}
}

func TestFixedLimits(t *testing.T) {
	_, ok := FixedOf(decimal.New(1, math.MinInt32))
	assert.False(t, ok, "exponent MinInt32 has no scale")
	f, ok := FixedOf(decimal.New(1, math.MaxInt32))
	require.True(t, ok, "exponent MaxInt32")
	assert.Equal(t, int32(math.MaxInt32), f.Decimal().Exponent(), "exponent MaxInt32 round-trips")
	_, ok = FixedOf(dec("1000000000000000000"))
	assert.False(t, ok, "19 digits")
	_, ok = FixedOf(dec("-999999999999999999"))
	assert.True(t, ok, "18 digits")
	z, ok := FixedOf(decimal.Decimal{})
	assert.True(t, ok, "the zero decimal")
	assert.Equal(t, Fixed{}, z, "the zero decimal is the zero Fixed")

	a, _ := FixedOf(dec("1.50"))
	b, _ := FixedOf(dec("1.5"))
	order, ok := a.Cmp(b)
	assert.True(t, ok, "1.50 vs 1.5")
	assert.Zero(t, order, "1.50 equals 1.5")
	assert.NotEqual(t, a, b, "== sees the representation")
	d, ok := a.Sub(b)
	assert.True(t, ok, "1.50 − 1.5")
	assert.Equal(t, "0.00", d.Decimal().StringFixed(2), "1.50 − 1.5")
	assert.Equal(t, int32(-2), d.Decimal().Exponent(), "1.50 − 1.5 at two places")

	far, _ := FixedOf(decimal.New(1, -30))
	one, _ := FixedOf(decimal.New(1, 0))
	_, ok = far.Cmp(one)
	assert.False(t, ok, "exponents 30 apart do not align in an int64")
	assert.Equal(t, -1, Compare(decimal.New(1, -30), decimal.New(1, 0)), "Compare falls back to decimal")
	wide := dec("123456789012345678901234567890")
	assert.Equal(t, 1, Compare(wide, dec("1e29")), "Compare with 30 digits falls back to decimal")
	assert.Equal(t, -1, Compare(wide.Neg(), dec("-1e29")), "Compare with 30 digits, negative")

	// (max/10)·10 is MaxInt64 − 7 once aligned to scale 0.
	top, _ := FixedOf(decimal.New(math.MaxInt64/10, 1))
	seven, _ := FixedOf(decimal.New(-7, 0))
	eight, _ := FixedOf(decimal.New(-8, 0))
	d, ok = top.Sub(seven)
	assert.True(t, ok, "(max/10)·10 − (−7) is MaxInt64")
	assert.True(t, d.Decimal().Equal(decimal.New(math.MaxInt64, 0)), "(max/10)·10 − (−7) = %s", d.Decimal())
	_, ok = top.Sub(eight)
	assert.False(t, ok, "(max/10)·10 − (−8) exceeds MaxInt64")

	for _, row := range []struct {
		in    string
		scale int32
		want  int64
		ok    bool
	}{
		{"1.5", 1, 15, true},
		{"1.50", 1, 15, true},
		{"1.55", 1, 0, false},
		{"1.5", 4, 15000, true},
		{"-1.5", 18, -15e17, true},
		{"10", 18, 0, false},
		{"9.22337203685477580", 18, 9_223_372_036_854_775_800, true},
		{"-9.22337203685477580", 18, -9_223_372_036_854_775_800, true},
		{"9.22337203685477581", 18, 0, false},
		{"9.223372036854775807", 18, 0, false}, // 19 digits: FixedOf steps aside
		{"1", 19, 0, false},
		{"1", -1, 0, false},
		{"1e18", 0, 1e18, true},
		{"1e19", 0, 0, false},
		{"0e19", 0, 0, false},
		{"12345678901234567890", 0, 0, false},
	} {
		v, ok := FromDecimal(dec(row.in), row.scale)
		assert.Equal(t, row.ok, ok, "FromDecimal(%s, %d): ok", row.in, row.scale)
		assert.Equal(t, row.want, v, "FromDecimal(%s, %d)", row.in, row.scale)
	}

	assert.Equal(t, int32(2), Places(dec("1.50")), "1.50")
	assert.Equal(t, int32(0), Places(dec("1e3")), "1e3")
	assert.Equal(t, int32(math.MaxInt32), Places(decimal.New(1, math.MinInt32)), "exponent MinInt32")
}

func TestBigLimits(t *testing.T) {
	var q, r big.Int
	num, zero := big.NewInt(7), new(big.Int)
	assert.False(t, BigDivRound(&q, &r, num, zero), "division by zero")
	assert.False(t, BigDivRound(&q, &q, num, big.NewInt(2)), "q and r the same")
	assert.False(t, BigDivRound(num, &r, num, big.NewInt(2)), "q is num")
	assert.False(t, BigDivRound(&q, &r, num, &r), "r is den")
	assert.Equal(t, int64(7), num.Int64(), "refused calls leave num alone")

	var z big.Int
	assert.False(t, BigMulPow10(&z, num, -1), "negative power")
	assert.False(t, BigMulPow10(&z, num, MaxBigShift+1), "beyond MaxBigShift")
	require.True(t, BigMulPow10(&z, num, MaxBigShift), "MaxBigShift")
	assert.Equal(t, "7"+fmt.Sprintf("%0*d", MaxBigShift, 0), z.String(), "7·10^36")
	require.True(t, BigMulPow10(num, num, 2), "in place")
	assert.Equal(t, int64(700), num.Int64(), "7·10^2 in place")

	var out big.Int
	assert.False(t, BigOf(dec("1.5"), 0, &out), "1.5 is no integer at scale 0")
	assert.True(t, BigOf(dec("1.5"), 1, &out), "1.5 at scale 1")
	assert.Equal(t, int64(15), out.Int64(), "1.5 at scale 1")
	assert.False(t, BigOf(decimal.New(1, math.MaxInt32), 1, &out), "an exponent beyond MaxBigShift")
	assert.True(t, BigOf(dec("-123456789012345678901234567890"), 2, &out), "30 digits")
	assert.Equal(t, "-12345678901234567890123456789000", out.String(), "30 digits at scale 2")
}
