package evaluation

import (
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/enum"
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

var centralNames = enum.New[Central]("evaluation.Central", "mean", "trimmed_mean", "median")

// IsValid reports whether c is one of the Central values.
func (c Central) IsValid() bool { return centralNames.Valid(c) }

// String returns the wire name of c, or "Central(N)" for an invalid value.
func (c Central) String() string { return centralNames.String(c) }

// AppendText appends the wire name of c to b; an invalid value is an error.
func (c Central) AppendText(b []byte) ([]byte, error) { return centralNames.Append(b, c) }

// MarshalText returns the wire name of c; an invalid value is an error.
func (c Central) MarshalText() ([]byte, error) { return centralNames.Marshal(c) }

// UnmarshalText sets *c to the value named by b; on error *c is unchanged.
func (c *Central) UnmarshalText(b []byte) error { return centralNames.Unmarshal(c, b) }

// ParseCentral returns the Central named s; an unknown name is a *grassroots.UnknownNameError.
func ParseCentral(s string) (Central, error) { return centralNames.Parse(s) }
