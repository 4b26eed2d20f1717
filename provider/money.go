package provider

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/exact"
)

// Currency is an ISO 4217 alphabetic currency code ("CNY").
//
// Only currencies in the minor-unit table below are supported, because
// settlement rounds to the currency's minor unit and must know it exactly.
// Minor units per ISO 4217 (maintained by SIX, list one):
//
//	CNY 2   EUR 2   GBP 2   HKD 2   JPY 0   MOP 2   USD 2
type Currency string

var minorUnits = map[Currency]int32{
	"CNY": 2, "EUR": 2, "GBP": 2, "HKD": 2, "JPY": 0, "MOP": 2, "USD": 2,
}

// MinorUnits returns the number of decimal places of c's minor unit, and
// false for an unsupported currency.
func (c Currency) MinorUnits() (int32, bool) {
	n, ok := minorUnits[c]
	return n, ok
}

// supportedCurrencies lists the keys of minorUnits in order, for messages.
var supportedCurrencies = func() string {
	codes := slices.Sorted(maps.Keys(minorUnits))
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}()

func (c Currency) supported() bool {
	_, ok := minorUnits[c]
	return ok
}

// problem says that c is not supported and what is.
func (c Currency) problem() string {
	return fmt.Sprintf("currency %q is not supported; supported: %s", string(c), supportedCurrencies)
}

// Validate reports an unsupported currency with an error matching
// ErrUnsupportedCurrency that lists the supported ones.
func (c Currency) Validate() error {
	if !c.supported() {
		return fmt.Errorf("%w: %q; supported: %s", ErrUnsupportedCurrency, string(c), supportedCurrencies)
	}
	return nil
}

// Money is an exact amount in one currency. Amounts in different
// currencies are never added or compared: this package does no conversion.
// The JSON form is {"amount": "1234.50", "currency": "CNY"}.
type Money struct {
	Amount   decimal.Decimal `json:"amount"`
	Currency Currency        `json:"currency"`
}

// Equal reports whether m and n are the same amount in the same currency
// (1.5 equals 1.50).
func (m Money) Equal(n Money) bool {
	return m.Currency == n.Currency && exact.Compare(m.Amount, n.Amount) == 0
}

// String returns "1234.50 CNY". An amount with an exponent beyond
// ±10,000, which no JSON carries and validation refuses, is written
// short, as "1e2147483647 CNY".
func (m Money) String() string { return text(m.Amount) + " " + string(m.Currency) }

// divRoundHalfEven returns num / den rounded to scale decimal places with
// round-half-to-even, exactly: the quotient is truncated at scale places
// and the remainder decides the last digit. den must not be zero.
func divRoundHalfEven(num, den decimal.Decimal, scale int32) decimal.Decimal {
	q, r := num.QuoRem(den, scale)
	if r.IsZero() {
		return q
	}
	// |r| < |den|·10^-scale; compare 2|r| with that unit.
	unit := decimal.New(1, -scale)
	c := r.Abs().Mul(decimal.NewFromInt(2)).Cmp(den.Abs().Mul(unit))
	if c < 0 {
		return q
	}
	step := unit
	if num.Sign()*den.Sign() < 0 {
		step = step.Neg()
	}
	if c > 0 {
		return q.Add(step)
	}
	// A tie: keep q if its last digit is even.
	if q.Shift(scale).BigInt().Bit(0) == 0 {
		return q
	}
	return q.Add(step)
}
