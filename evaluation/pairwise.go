package evaluation

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/validate"
)

// reciprocityTolerance bounds |a_ij·a_ji − 1| for a matrix to count as
// reciprocal; it admits the rounding of "1/3" in float64 and rejects any
// real disagreement between two judgements.
const reciprocityTolerance = 1e-9

// Entries lie in [minEntry, maxEntry]: far beyond any judgement scale, and
// small enough that no product or power iteration step can overflow.
const (
	minEntry = 1e-12
	maxEntry = 1e12
)

// maxPairwise bounds the size of a pairwise matrix; AHP practice stops
// near 9 and the largest random index table ends at 15.
const maxPairwise = 64

// Pairwise is a pairwise comparison matrix: entry (i, j) says how many
// times more important item i is than item j, on Saaty's 1–9 scale or any
// positive ratio. It is square, positive, has ones on the diagonal, and is
// reciprocal (a_ji = 1/a_ij).
//
// The zero value is the empty matrix, which no function accepts. Build one
// with ParsePairwise or NewPairwise; a Pairwise is immutable and safe to
// share. Decoding into a nil *Pairwise is an error matching
// grassroots.ErrInvalid.
type Pairwise struct {
	n int
	a []float64 // row-major
}

// ParsePairwise reads a matrix in its text form: rows separated by ";",
// entries by spaces or commas, each entry a decimal number ("3", "0.5") or
// a fraction of two ("1/3", "1/2.5"):
//
//	ParsePairwise("1 3 5; 1/3 1 2; 1/5 1/2 1")
//
// The matrix is checked to be square, positive (entries in [1e-12, 1e12]), with
// a unit diagonal and reciprocal within 1e-9; every problem is an error matching ErrPairwise.
// String gives back a text that parses to the same matrix.
func ParsePairwise(s string) (Pairwise, error) {
	rows := strings.Split(s, ";")
	if len(rows) > maxPairwise {
		return Pairwise{}, fmt.Errorf("%w: %d rows, at most %d", ErrPairwise, len(rows), maxPairwise)
	}
	n := len(rows)
	a := make([]float64, 0, n*n)
	for i, row := range rows {
		fields := strings.FieldsFunc(row, func(r rune) bool {
			return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
		})
		if len(fields) != n {
			return Pairwise{}, fmt.Errorf("%w: row %d has %d entries, want %d", ErrPairwise, i+1, len(fields), n)
		}
		for j, f := range fields {
			v, err := parseEntry(f)
			if err != nil {
				return Pairwise{}, fmt.Errorf("%w: entry (%d,%d) %q: %s", ErrPairwise, i+1, j+1, f, err)
			}
			a = append(a, v)
		}
	}
	return newPairwise(n, a)
}

// parseEntry reads "d" or "d/d" where d is digits with an optional
// fraction.
func parseEntry(s string) (float64, error) {
	num, den, isFrac := strings.Cut(s, "/")
	x, err := parseUnsigned(num)
	if err != nil {
		return 0, err
	}
	if !isFrac {
		return x, nil
	}
	y, err := parseUnsigned(den)
	if err != nil {
		return 0, err
	}
	if y == 0 {
		return 0, errors.New("division by zero")
	}
	return x / y, nil
}

func parseUnsigned(s string) (float64, error) {
	digits, dot := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.':
			dot++
		default:
			return 0, fmt.Errorf("unexpected %q", r)
		}
	}
	if digits == 0 || dot > 1 {
		return 0, fmt.Errorf("malformed number %q", s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("number %q out of range", s)
	}
	return v, nil
}

// NewPairwise builds a matrix from rows of decimals, with the checks of
// ParsePairwise. An entry written with an exponent beyond ±10,000 is a
// *grassroots.ValidationError at "rows[i][j]" that matches ErrPairwise.
func NewPairwise(rows [][]decimal.Decimal) (Pairwise, error) {
	n := len(rows)
	if n > maxPairwise {
		return Pairwise{}, fmt.Errorf("%w: %d rows, at most %d", ErrPairwise, n, maxPairwise)
	}
	var p validate.Problems
	if !tameRows(&p, "rows", rows) {
		return Pairwise{}, tameErr(ErrPairwise, &p)
	}
	a := make([]float64, 0, n*n)
	for i, row := range rows {
		if len(row) != n {
			return Pairwise{}, fmt.Errorf("%w: row %d has %d entries, want %d", ErrPairwise, i+1, len(row), n)
		}
		for _, v := range row {
			a = append(a, toFloat(v))
		}
	}
	return newPairwise(n, a)
}

func newPairwise(n int, a []float64) (Pairwise, error) {
	if n == 0 {
		return Pairwise{}, fmt.Errorf("%w: empty matrix", ErrPairwise)
	}
	for i := range n {
		for j := range n {
			v := a[i*n+j]
			switch {
			case !(v >= minEntry && v <= maxEntry):
				return Pairwise{}, fmt.Errorf("%w: entry (%d,%d) = %v is not a number in [1e-12, 1e12]", ErrPairwise, i+1, j+1, v)
			case i == j && v != 1:
				return Pairwise{}, fmt.Errorf("%w: diagonal entry (%d,%d) = %v, want 1", ErrPairwise, i+1, j+1, v)
			case j > i:
				w := a[j*n+i]
				if p := v * w; !(math.Abs(p-1) <= reciprocityTolerance) {
					return Pairwise{}, fmt.Errorf("%w: entries (%d,%d) = %v and (%d,%d) = %v are not reciprocal", ErrPairwise, i+1, j+1, v, j+1, i+1, w)
				}
			}
		}
	}
	return Pairwise{n: n, a: a}, nil
}

// IsZero reports whether p is the empty zero value.
func (p Pairwise) IsZero() bool { return p.n == 0 }

// MarshalText returns the text form (see String); the zero value is an
// error.
func (p Pairwise) MarshalText() ([]byte, error) {
	if p.n == 0 {
		return nil, fmt.Errorf("%w: empty matrix", ErrPairwise)
	}
	return []byte(p.String()), nil
}

// UnmarshalText sets p from its text form with the checks of
// ParsePairwise; on error p is unchanged.
func (p *Pairwise) UnmarshalText(b []byte) error {
	if p == nil {
		return validate.NilTarget("evaluation.Pairwise")
	}
	m, err := ParsePairwise(string(b))
	if err != nil {
		return err
	}
	*p = m
	return nil
}

// Size returns the number of items compared.
func (p Pairwise) Size() int { return p.n }

// At returns entry (i, j), zero-based; outside the matrix it returns 0.
func (p Pairwise) At(i, j int) float64 {
	if i < 0 || j < 0 || i >= p.n || j >= p.n {
		return 0
	}
	return p.a[i*p.n+j]
}

// String returns the text form: integers as such, reciprocals of integers
// as "1/k", anything else as the shortest decimal that reads back as the
// same number; rows are joined by "; ".
func (p Pairwise) String() string {
	var b strings.Builder
	for i := range p.n {
		if i > 0 {
			b.WriteString("; ")
		}
		for j := range p.n {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(formatEntry(p.a[i*p.n+j]))
		}
	}
	return b.String()
}

func formatEntry(v float64) string {
	if v >= 1 && v == math.Trunc(v) && v < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	if k := math.Round(1 / v); k >= 2 && k < 1e15 && 1/k == v {
		return "1/" + strconv.FormatFloat(k, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
