package evaluation

import "github.com/shopspring/decimal"

// decimalCache hands out the decimal of a fixed-point value at one scale,
// building each distinct value once: scorecards repeat the same few
// values (means of small integers) many times, and a decimal.Decimal is
// immutable, so sharing is safe.
type decimalCache struct {
	scale int32
	m     map[int64]decimal.Decimal
}

func newDecimalCache(scale int32) *decimalCache {
	return &decimalCache{scale: scale, m: map[int64]decimal.Decimal{}}
}

func (c *decimalCache) get(v int64) decimal.Decimal {
	d, ok := c.m[v]
	if !ok {
		d = decimal.New(v, -c.scale)
		c.m[v] = d
	}
	return d
}
