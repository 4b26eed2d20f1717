package provider

import (
	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/exact"
)

// text returns d for a description or message: d.String() for a decimal
// whose exponent is within ±exact.MaxExponent, as always, and the short
// form of exact.Text for any other, whose digits would not fit in memory.
func text(d decimal.Decimal) string {
	if exact.Tame(d) {
		return d.String()
	}
	return exact.Text(d)
}
