package evaluation

import (
	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/shopspring/decimal"
)

// Band is one grade of a grading scheme: scores of at least Min get Grade
// unless a band with a higher Min applies.
type Band struct {
	Grade string          `json:"grade"`
	Min   decimal.Decimal `json:"min"`
}

// Bands is a grading scheme as data: bands in strictly decreasing order of
// Min, and the Default grade of a score below every band. The zero value
// is invalid; DefaultBands gives the common four-grade scheme.
type Bands struct {
	Bands   []Band `json:"bands"`
	Default string `json:"default"`
}

// DefaultBands returns excellent (≥ 90), good (≥ 80), qualified (≥ 60) and
// unqualified (below 60) on a 0–100 score, the scheme most Chinese
// assessment rules use.
func DefaultBands() Bands {
	return Bands{
		Bands: []Band{
			{Grade: "excellent", Min: decimal.NewFromInt(90)},
			{Grade: "good", Min: decimal.NewFromInt(80)},
			{Grade: "qualified", Min: decimal.NewFromInt(60)},
		},
		Default: "unqualified",
	}
}

// Validate reports every problem of the scheme at once: an empty grade
// name (grassroots.RuleRequired), a name used twice (RuleUnique),
// thresholds that do not strictly decrease (RuleOrder), and a threshold
// written with an exponent beyond ±10,000, which no JSON carries
// (RuleMax, or RuleFormat for a negative exponent).
func (b Bands) Validate() error {
	var p validate.Problems
	seen := map[string]bool{}
	for i, band := range b.Bands {
		path := grassroots.ElementPath("bands", i)
		switch {
		case band.Grade == "":
			p.Add(grassroots.JoinFieldPath(path, "grade"), grassroots.RuleRequired, "grade is required")
		case seen[band.Grade]:
			p.Addf(grassroots.JoinFieldPath(path, "grade"), grassroots.RuleUnique, "grade %q is used twice", band.Grade)
		}
		seen[band.Grade] = true
		if !p.Tame(grassroots.JoinFieldPath(path, "min"), band.Min) || i == 0 || !exact.Tame(b.Bands[i-1].Min) {
			continue
		}
		if !band.Min.LessThan(b.Bands[i-1].Min) {
			p.Addf(grassroots.JoinFieldPath(path, "min"), grassroots.RuleOrder, "min %s must be below the previous band's %s: thresholds strictly decrease", band.Min, b.Bands[i-1].Min)
		}
	}
	switch {
	case b.Default == "":
		p.Add("default", grassroots.RuleRequired, "default grade is required")
	case seen[b.Default]:
		p.Addf("default", grassroots.RuleUnique, "grade %q is used twice", b.Default)
	}
	return p.Err()
}

// Grade returns the grade of the first band whose Min the score reaches,
// or Default. It compares exactly whatever the exponents.
func (b Bands) Grade(score decimal.Decimal) string {
	for _, band := range b.Bands {
		if exact.Compare(score, band.Min) >= 0 {
			return band.Grade
		}
	}
	return b.Default
}

// resolveBands returns DefaultBands for the zero value and validates the
// others.
func resolveBands(b Bands) (Bands, error) {
	if len(b.Bands) == 0 && b.Default == "" {
		return DefaultBands(), nil
	}
	if err := b.Validate(); err != nil {
		var p validate.Problems
		p.Nest("bands", err)
		return Bands{}, p.Err()
	}
	return b, nil
}
