package evaluation

import (
	"fmt"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"

	"github.com/shopspring/decimal"
)

// RITable is a table of random consistency indices RI(n): the mean
// consistency index of random reciprocal matrices of size n. Published
// tables differ (they were simulated with different samples), so the
// table is a parameter and its name is part of every AHP result.
//
// RI(1) = RI(2) = 0 in every table: matrices of one or two items are
// always consistent. The zero value means SaatyRI in AHPOptions.
type RITable struct {
	name   string
	first  int // n of values[0]
	values []decimal.Decimal
}

// SaatyRI returns the table of T. L. Saaty, The Analytic Hierarchy
// Process (McGraw-Hill, 1980), named "saaty_1980":
// n = 3..10: 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49.
// Entries for n = 11..15 are quoted from that book in secondary sources,
// but could not be checked against a citable copy here, so the table stops
// at 10.
func SaatyRI() RITable {
	return mustTable("saaty_1980", "0.58 0.90 1.12 1.24 1.32 1.41 1.45 1.49")
}

// Saaty2005RI returns the table of T. L. Saaty, Theory and Applications of
// the Analytic Network Process (RWS Publications, 2005), p. 31, named
// "saaty_2005": n = 3..15: 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49,
// 1.52, 1.54, 1.56, 1.58, 1.59. The values are as the AHPy library
// (github.com/PhilipGriffith/AHPy) transcribes them from that page; they
// were not checked against the book itself.
func Saaty2005RI() RITable {
	return mustTable("saaty_2005", "0.52 0.89 1.11 1.25 1.35 1.40 1.45 1.49 1.52 1.54 1.56 1.58 1.59")
}

// DoneganDoddRI returns the table of H. A. Donegan and F. J. Dodd, "A note
// on Saaty's random indexes", Mathematical and Computer Modelling 15(10)
// (1991) 135–137, doi:10.1016/0895-7177(91)90098-R, named
// "donegan_dodd_1991": n = 3..20: 0.4914, 0.8286, 1.0591, 1.1797, 1.2519,
// 1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643, 1.4822, 1.4969, 1.5078,
// 1.5153, 1.5262, 1.5313, 1.5371. The paper also gives sparse entries
// from n = 25 to 100, which a table of consecutive sizes cannot hold
// without interpolating, so the table stops at 20. The values are as the
// AHPy library (github.com/PhilipGriffith/AHPy) transcribes them; they
// were not checked against the paper itself.
func DoneganDoddRI() RITable {
	return mustTable("donegan_dodd_1991", "0.4914 0.8286 1.0591 1.1797 1.2519 1.3171 1.3733 1.4055 1.4213 1.4497 1.4643 1.4822 1.4969 1.5078 1.5153 1.5262 1.5313 1.5371")
}

// ChineseRI returns the table printed in many Chinese operations-research
// textbooks, named "chinese_textbook":
// n = 3..15: 0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49, 1.52, 1.54,
// 1.56, 1.58, 1.59. It is close to, but not the same as, Saaty2005RI; no
// single primary source for it could be identified.
func ChineseRI() RITable {
	return mustTable("chinese_textbook", "0.52 0.89 1.12 1.26 1.36 1.41 1.46 1.49 1.52 1.54 1.56 1.58 1.59")
}

// RITables returns every built-in table, in the order SaatyRI,
// Saaty2005RI, DoneganDoddRI, ChineseRI.
func RITables() []RITable {
	return []RITable{SaatyRI(), Saaty2005RI(), DoneganDoddRI(), ChineseRI()}
}

// ParseRITable returns the built-in table named name ("saaty_1980",
// "saaty_2005", "donegan_dodd_1991", "chinese_textbook"); an unknown name
// is a *grassroots.UnknownNameError listing them.
func ParseRITable(name string) (RITable, error) {
	tables := RITables()
	names := make([]string, len(tables))
	for i, t := range tables {
		if t.name == name {
			return t, nil
		}
		names[i] = t.name
	}
	return RITable{}, &grassroots.UnknownNameError{Type: "evaluation.RITable", Name: name, Valid: names}
}

func mustTable(name, values string) RITable {
	var vs []decimal.Decimal
	for _, f := range strings.Fields(values) {
		vs = append(vs, decimal.RequireFromString(f))
	}
	return RITable{name: name, first: 3, values: vs}
}

// NewRITable returns a named table whose values are RI(3), RI(4), … in
// order. Values must be positive; one written with an exponent beyond
// ±10,000 is a *grassroots.ValidationError at "values[i]" that matches
// ErrOption.
func NewRITable(name string, values []decimal.Decimal) (RITable, error) {
	if name == "" {
		return RITable{}, fmt.Errorf("%w: random index table needs a name", ErrOption)
	}
	if len(values) == 0 {
		return RITable{}, fmt.Errorf("%w: random index table %q is empty", ErrOption, name)
	}
	var p validate.Problems
	if !tameAll(&p, "values", values) {
		return RITable{}, tameErr(ErrOption, &p)
	}
	for i, v := range values {
		if !v.IsPositive() {
			return RITable{}, fmt.Errorf("%w: random index table %q: RI(%d) = %s is not positive", ErrOption, name, i+3, v)
		}
	}
	return RITable{name: name, first: 3, values: append([]decimal.Decimal(nil), values...)}, nil
}

// Name returns the table's name ("saaty_1980", "chinese_textbook", …).
func (t RITable) Name() string { return t.name }

// MaxN returns the largest n the table covers.
func (t RITable) MaxN() int { return t.first + len(t.values) - 1 }

// RI returns RI(n): 0 for n ≤ 2, the table entry for 3 ≤ n ≤ MaxN, and a
// *RIRangeError beyond.
func (t RITable) RI(n int) (decimal.Decimal, error) {
	switch {
	case n < 1:
		return decimal.Decimal{}, &RIRangeError{N: n, Table: t.name, Max: t.MaxN()}
	case n <= 2:
		return decimal.Zero, nil
	case n > t.MaxN():
		return decimal.Decimal{}, &RIRangeError{N: n, Table: t.name, Max: t.MaxN()}
	}
	return t.values[n-t.first], nil
}

func (t RITable) isZero() bool { return t.name == "" && t.values == nil }
