package evaluation

import (
	"testing"

	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// d parses a decimal literal of a test table.
func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// ds parses decimal literals.
func ds(ss ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ss))
	for i, s := range ss {
		out[i] = d(s)
	}
	return out
}

// matrix builds rows of decimals from float literals written in the test
// (every literal is exactly representable as the decimal it reads as).
func matrix(rows ...[]float64) [][]decimal.Decimal {
	out := make([][]decimal.Decimal, len(rows))
	for i, r := range rows {
		for _, v := range r {
			out[i] = append(out[i], decimal.NewFromFloat(v))
		}
	}
	return out
}

// assertDecimals checks got against want digit for digit at want's scale:
// each got value is rounded half away from zero to the places want is
// written with.
func assertDecimals(t *testing.T, want []string, got []decimal.Decimal, msg string) {
	t.Helper()
	require.Len(t, got, len(want), msg)
	for i, w := range want {
		wd := d(w)
		assert.True(t, got[i].Round(exact.Places(wd)).Equal(wd), "%s [%d]: got %s, want %s", msg, i, got[i], w)
	}
}

func assertDecimal(t *testing.T, want string, got decimal.Decimal, msg string) {
	t.Helper()
	assertDecimals(t, []string{want}, []decimal.Decimal{got}, msg)
}
