package evaluation

import (
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/shopspring/decimal"
)

// Rating is one rater's value for one leaf indicator of one subject (a
// provider, a grid, a piece of work). Value lies on the indicator's scale.
// At is when the rating was given; it is carried for the record and does
// not affect aggregation.
type Rating struct {
	Subject   string           `json:"subject"`
	Indicator string           `json:"indicator"`
	Rater     string           `json:"rater"`
	Party     grassroots.Party `json:"party"`
	Value     decimal.Decimal  `json:"value"`
	At        time.Time        `json:"at"`
}

// Central is the statistic that summarises one party's ratings of one
// indicator. In options the zero value means Mean.
type Central uint8

// The central statistics.
const (
	// Mean is the arithmetic mean.
	Mean Central = iota + 1
	// TrimmedMean drops the ⌊trim·n⌋ lowest and as many highest values
	// and averages the rest.
	TrimmedMean
	// Median is the middle value, or the mean of the two middle values
	// when n is even.
	Median
)

var centralNames = []string{"", "mean", "trimmed_mean", "median"}

// ParseCentral returns the statistic with wire name s.
func ParseCentral(s string) (Central, error) {
	v, err := enumParse("central", centralNames, s)
	return Central(v), err
}

// String returns the wire name, or "Central(N)" for an invalid value.
func (c Central) String() string { return enumString("Central", centralNames, uint8(c)) }

// MarshalText returns the wire name; an invalid value is an error.
func (c Central) MarshalText() ([]byte, error) {
	return enumAppend("Central", centralNames, nil, uint8(c))
}

// UnmarshalText sets c from its wire name; an unknown name is an error.
func (c *Central) UnmarshalText(b []byte) error {
	v, err := ParseCentral(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
