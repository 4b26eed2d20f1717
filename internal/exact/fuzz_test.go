package exact

import (
	"hash/fnv"
	"math"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
)

// limits are operands at and around the int64 limits and the powers of
// ten that rescaling meets, used as fuzz seeds and random operands.
var limits = []int64{
	0, 1, -1, 2, -2, 5, -5, 10, -10,
	math.MaxInt64, math.MaxInt64 - 1, math.MinInt64, math.MinInt64 + 1,
	math.MaxInt32, math.MinInt32, 1 << 62, -1 << 62, 3037000499, -3037000499, 3037000500,
	999_999_999_999_999_999, -999_999_999_999_999_999, 1_000_000_000_000_000_000,
	922_337_203_685_477_580, -922_337_203_685_477_580, 922_337_203_685_477_581,
	9_223_372_036_854_775, 92_233_720_368_547_758, 92_233_720_368_547_759,
}

// FuzzInt64 holds the int64 operations to decimal on arbitrary operands
// and shifts.
func FuzzInt64(f *testing.F) {
	for i, a := range limits {
		b := limits[(i+7)%len(limits)]
		c := limits[(i+13)%len(limits)]
		f.Add(a, b, c, int8(i%41-20))
		f.Add(a, a, int64(2), int8(-i%19))
		f.Add(a, int64(10), int64(-4), int8(i%19))
	}
	f.Fuzz(func(t *testing.T, a, b, c int64, shift int8) {
		checkInt64(t, a, b, c, int32(shift))
	})
}

// FuzzFixed holds Fixed, Compare, FromDecimal, Places and BigOf to decimal
// on decimals of arbitrary coefficients and exponents. wide multiplies the
// first coefficient past 18 digits, where the int64 paths must step aside.
func FuzzFixed(f *testing.F) {
	for i, a := range limits {
		b := limits[(i+5)%len(limits)]
		f.Add(a, int16(i%40-20), b, int16(i%7-3), int8(i%20), i%9 == 0)
		f.Add(a, int16(-18), a, int16(0), int8(18), false)
		f.Add(a, int16(0), b, int16(19), int8(0), false)
	}
	f.Add(int64(1), int16(math.MinInt16), int64(1), int16(math.MaxInt16), int8(-1), false)
	f.Fuzz(func(t *testing.T, a int64, ea int16, b int64, eb int16, scale int8, wide bool) {
		da, db := decimal.New(a, int32(ea)), decimal.New(b, int32(eb))
		if wide {
			da = da.Mul(decimal.New(math.MaxInt64, 0))
		}
		checkFixed(t, da, db, int32(scale))
	})
}

// FuzzBig holds BigDivRound and BigMulPow10 to decimal; numerators and
// denominators are products of two int64s, so they exceed 64 bits.
func FuzzBig(f *testing.F) {
	for i, a := range limits {
		b := limits[(i+3)%len(limits)]
		f.Add(a, b, limits[(i+11)%len(limits)], int64(i%5-2), int8(i%40-2))
	}
	f.Add(int64(5), int64(1), int64(10), int64(1), int8(0))
	f.Add(int64(-5), int64(1), int64(10), int64(1), int8(0))
	f.Add(int64(5), int64(1), int64(-10), int64(1), int8(0))
	f.Fuzz(func(t *testing.T, n1, n2, d1, d2 int64, n int8) {
		num := new(big.Int).Mul(big.NewInt(n1), big.NewInt(n2))
		den := new(big.Int).Mul(big.NewInt(d1), big.NewInt(d2))
		checkBig(t, num, den, int32(n))
	})
}

// FuzzFNV1a32 holds FNV1a32 to hash/fnv's New32a.
func FuzzFNV1a32(f *testing.F) {
	for _, s := range []string{"", "a", "G1.1", "G20.4", "全程网办", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := fnv.New32a()
		h.Write([]byte(s))
		assert.Equal(t, h.Sum32(), FNV1a32(s), "FNV1a32(%q)", s)
	})
}
