package risk

import (
	"cmp"
	"math/big"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/exact"
)

// compare returns a.Cmp(b), exactly, through exact.Compare. decimal's Cmp
// first brings both operands to the smaller exponent, which for a decimal
// built in Go with an exponent such as math.MaxInt32 means a power of ten
// no memory holds; when either exponent lies beyond ±exact.MaxExponent,
// compare decides by the signs, then by the magnitudes (the exponent of
// the leading digit), and only then by the coefficients, padded to the
// same number of digits, which costs what the coefficients already hold.
func compare(a, b decimal.Decimal) int {
	if exact.Tame(a) && exact.Tame(b) {
		return exact.Compare(a, b)
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
