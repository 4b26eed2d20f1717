package exact

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
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
