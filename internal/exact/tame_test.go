package exact

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTame(t *testing.T) {
	for _, c := range []struct {
		d    decimal.Decimal
		want bool
	}{
		{decimal.Zero, true},
		{decimal.New(1, MaxExponent), true},
		{decimal.New(-7, -MaxExponent), true},
		{decimal.New(1, MaxExponent+1), false},
		{decimal.New(1, -MaxExponent-1), false},
		{decimal.New(1, math.MaxInt32), false},
		{decimal.New(1, math.MinInt32), false},
	} {
		assert.Equal(t, c.want, Tame(c.d), "Tame(1e%d)", c.d.Exponent())
	}
	// Every decimal the decimal package reads from text is tame.
	_, err := decimal.NewFromString("1e10001")
	assert.Error(t, err, "decimal refuses exponents beyond MaxExponent")
	d, err := decimal.NewFromString("1e10000")
	if assert.NoError(t, err) {
		assert.True(t, Tame(d))
	}
}

func TestTextIsShort(t *testing.T) {
	long, _ := decimal.NewFromString("-123456789012345678901234567890")
	for _, c := range []struct {
		d    decimal.Decimal
		want string
	}{
		{decimal.RequireFromString("12.50"), "12.5"},
		{decimal.New(15, -2), "0.15"},
		{decimal.New(1, math.MaxInt32), "1e2147483647"},
		{decimal.New(-3, math.MinInt32), "-3e-2147483648"},
		{decimal.New(1, 65), "1e65"},
		{decimal.NewFromBigInt(long.Coefficient(), 100), "-12345678901234567890…(10 more digits)e100"},
	} {
		assert.Equal(t, c.want, Text(c.d))
	}
	assert.LessOrEqual(t, len(Text(decimal.NewFromBigInt(long.Coefficient(), -70))), 60)
}

// Compare agrees with decimal's Cmp wherever Cmp can answer, on its fast
// path, its decimal path and the path for untame operands alike; for
// untame operands it agrees with Cmp of the same values with both
// exponents moved by the same amount into the tame range.
func TestCompareAgreesWithCmp(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 7))
	coefficient := func() *big.Int {
		c := big.NewInt(rng.Int64N(2001) - 1000)
		if rng.IntN(4) == 0 { // beyond int64: decimal's path
			c.Mul(c, new(big.Int).Exp(big.NewInt(10), big.NewInt(20), nil))
		}
		return c
	}
	for range 5000 {
		a := decimal.NewFromBigInt(coefficient(), int32(rng.IntN(41)-20))
		b := decimal.NewFromBigInt(coefficient(), int32(rng.IntN(41)-20))
		want := a.Cmp(b)
		require.Equal(t, want, Compare(a, b), "%s vs %s", a, b)
		if a.Sign() != 0 && a.Sign() == b.Sign() {
			require.Equal(t, want, a.Sign()*compareAbs(a, b), "the path for untame operands: %s vs %s", a, b)
		}
		for _, shift := range []int32{math.MaxInt32 - 20, math.MinInt32 + 20} {
			ua := decimal.NewFromBigInt(a.Coefficient(), a.Exponent()+shift)
			ub := decimal.NewFromBigInt(b.Coefficient(), b.Exponent()+shift)
			require.Equal(t, want, Compare(ua, ub), "%s vs %s, exponents moved by %d", a, b, shift)
		}
	}
	assert.Equal(t, 1, Compare(decimal.New(1, math.MaxInt32), decimal.New(-1, math.MaxInt32)))
	assert.Equal(t, 0, Compare(decimal.New(0, math.MaxInt32), decimal.New(0, math.MinInt32)), "zero is zero at any exponent")
	assert.Equal(t, -1, Compare(decimal.New(1, math.MinInt32), decimal.New(1, 0)))
}
