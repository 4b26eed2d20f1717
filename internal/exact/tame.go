package exact

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// MaxExponent bounds the exponents of the decimals the SDK computes with:
// ±10,000, the bound github.com/shopspring/decimal puts on the exponents
// it reads from text and JSON (the default of its MaxDecodeExponent), so
// every decimal that arrives as JSON is within it. A decimal built in Go
// can carry any int32 exponent, and decimal aligns two operands with a
// power of ten as large as the gap between their exponents: for 1e2147483647
// that power alone outgrows any memory, and printing it writes two
// billion digits. Validators refuse such values before computing with or
// printing them.
const MaxExponent = 10_000

// Tame reports whether the exponent of every one of ds lies within
// ±MaxExponent.
func Tame(ds ...decimal.Decimal) bool {
	for _, d := range ds {
		if e := d.Exponent(); e < -MaxExponent || e > MaxExponent {
			return false
		}
	}
	return true
}

// textDigits is how many digits of a coefficient Text writes out.
const textDigits = 20

// Text returns d for a message: d.String() when its exponent is within
// ±64, and otherwise the coefficient (its first digits and how many
// follow, when it is longer than 20 digits) with the exponent, such as
// "1e2147483647", so that a message never holds more than about 60
// characters of a number however d was built. It never computes with d's
// exponent.
func Text(d decimal.Decimal) string {
	e := d.Exponent()
	if e >= -64 && e <= 64 && d.NumDigits() <= 64 {
		return d.String()
	}
	c := d.Coefficient().String()
	digits := c
	if c != "" && c[0] == '-' {
		digits = c[1:]
	}
	if len(digits) > textDigits {
		more := len(digits) - textDigits
		c = c[:len(c)-len(digits)+textDigits] + "…(" + strconv.Itoa(more) + " more digits)"
	}
	return c + "e" + strconv.Itoa(int(e))
}
