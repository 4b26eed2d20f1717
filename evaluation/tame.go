package evaluation

import (
	"fmt"

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
	err := validate.CheckTame(path, d)
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %w", sentinel, err)
}
