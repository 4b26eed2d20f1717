package evaluation

import (
	"cmp"
	"fmt"
	"math/big"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/shopspring/decimal"
)

// A decimal built in Go can carry any int32 exponent, and decimal aligns
// two operands through a power of ten as large as the gap between their
// exponents (see exact.MaxExponent): the functions of this package refuse
// a decimal whose exponent lies beyond ±exact.MaxExponent before they
// compare, add or print it, with a *grassroots.ValidationError at its
// path (validate.Problems.Tame) that also matches the sentinel of the
// function's other value or option errors.

// tameAll records a problem at path[i] for each decimal of ds that is
// not tame, and reports whether all are.
func tameAll(p *validate.Problems, path string, ds []decimal.Decimal) bool {
	ok := true
	for i := range ds {
		if !exact.Tame(ds[i]) {
			p.Tame(grassroots.ElementPath(path, i), ds[i])
			ok = false
		}
	}
	return ok
}

// tameRows is tameAll for the rows of a matrix, at path[i][j].
func tameRows(p *validate.Problems, path string, rows [][]decimal.Decimal) bool {
	ok := true
	for i := range rows {
		ok = tameAll(p, grassroots.ElementPath(path, i), rows[i]) && ok
	}
	return ok
}

// tameErr returns the problems of p as an error that matches sentinel
// and grassroots.ErrInvalid and holds the *grassroots.ValidationError, or
// nil when there are none.
func tameErr(sentinel error, p *validate.Problems) error {
	if err := p.Err(); err != nil {
		return fmt.Errorf("%w: %w", sentinel, err)
	}
	return nil
}

// untame returns tameErr for the one decimal d at path.
func untame(sentinel error, path string, d decimal.Decimal) error {
	if exact.Tame(d) {
		return nil
	}
	var p validate.Problems
	p.Tame(path, d)
	return tameErr(sentinel, &p)
}

// compare returns a.Cmp(b), exactly. When either exponent lies beyond
// ±exact.MaxExponent it decides by the signs, then by the magnitudes
// (the exponent of the leading digit), and only then by the coefficients
// padded to the same number of digits, instead of rescaling: for the
// functions that return no error (Scale.Contains, Bands.Grade).
func compare(a, b decimal.Decimal) int {
	if exact.Tame(a) && exact.Tame(b) {
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
