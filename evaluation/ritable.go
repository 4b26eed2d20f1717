package evaluation

import (
	"fmt"
	"strings"

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
func SaatyRI() RITable {
	return mustTable("saaty_1980", "0.58 0.90 1.12 1.24 1.32 1.41 1.45 1.49")
}

// ChineseRI returns the table printed in many Chinese operations-research
// textbooks, named "chinese_textbook":
// n = 3..15: 0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49, 1.52, 1.54,
// 1.56, 1.58, 1.59.
func ChineseRI() RITable {
	return mustTable("chinese_textbook", "0.52 0.89 1.12 1.26 1.36 1.41 1.46 1.49 1.52 1.54 1.56 1.58 1.59")
}

func mustTable(name, values string) RITable {
	var vs []decimal.Decimal
	for _, f := range strings.Fields(values) {
		vs = append(vs, decimal.RequireFromString(f))
	}
	return RITable{name: name, first: 3, values: vs}
}

// NewRITable returns a named table whose values are RI(3), RI(4), … in
// order. Values must be positive.
func NewRITable(name string, values []decimal.Decimal) (RITable, error) {
	if name == "" {
		return RITable{}, fmt.Errorf("evaluation: random index table needs a name: %w", ErrOption)
	}
	if len(values) == 0 {
		return RITable{}, fmt.Errorf("evaluation: random index table %q is empty: %w", name, ErrOption)
	}
	for i, v := range values {
		if !v.IsPositive() {
			return RITable{}, fmt.Errorf("evaluation: random index table %q: RI(%d) = %s is not positive: %w", name, i+3, v, ErrOption)
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
		return decimal.Decimal{}, &RIRangeError{N: n, Table: t.name}
	case n <= 2:
		return decimal.Zero, nil
	case n > t.MaxN():
		return decimal.Decimal{}, &RIRangeError{N: n, Table: t.name}
	}
	return t.values[n-t.first], nil
}

func (t RITable) isZero() bool { return t.name == "" && t.values == nil }
